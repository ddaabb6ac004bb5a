"""The 15 hours of one person: the plan of the current contract, reductions, hours done, planned vs done."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from droits import heures as regles
from droits.forms import ActiviteForm, AmenagementForm, HeuresForm
from droits.permissions import droits_requis
from droits.views.outils import reporter
from pacte.models.journal import journaliser_parcours
from parcours.calendrier import aujourdhui
from parcours.models import Parcours

SEMAINES_AFFICHEES = 12


def _activite(parcours, d, user):
    return regles.ajouter_activite(parcours.contrat_courant, par=user, **d)


def _heures(parcours, d, user):
    return regles.enregistrer_heures(parcours, par=user, **d)


def _amenagement(parcours, d, user):
    return regles.amenager_heures(parcours.contrat_courant, par=user, **d)


FORMULAIRES = {
    "activite": (ActiviteForm, _activite),
    "heures": (HeuresForm, _heures),
    "amenagement": (AmenagementForm, _amenagement),
}


def _tableau(parcours):
    fin = aujourdhui()
    try:
        return regles.heures_par_semaine(parcours, fin - datetime.timedelta(weeks=SEMAINES_AFFICHEES - 1), fin)
    except ValidationError:  # no scale loaded yet
        return []


@droits_requis
def heures(request, pk):
    parcours = get_object_or_404(
        Parcours.objects.visible_par(request.user).select_related("beneficiaire", "contrat_courant"), pk=pk
    )
    choisi = request.POST.get("formulaire") if request.method == "POST" else None
    formulaires = {n: c(request.POST if n == choisi else None, prefix=n) for n, (c, _) in FORMULAIRES.items()}
    if choisi in FORMULAIRES and formulaires[choisi].is_valid():
        try:
            if choisi != "heures" and parcours.contrat_courant is None:
                raise ValidationError("Cette personne n'a pas de contrat d'engagement : pas de plan d'activité.")
            FORMULAIRES[choisi][1](parcours, formulaires[choisi].cleaned_data, request.user)
        except ValidationError as erreur:
            reporter(formulaires[choisi], erreur)
        else:
            messages.success(request, "C'est enregistré.")
            return redirect("droits:heures", pk=parcours.pk)
    journaliser_parcours(request, parcours, libelle="Heures d'activité")
    contrat = parcours.contrat_courant
    titre = f"Heures d'activité : {parcours.beneficiaire}"
    return render(
        request,
        "droits/heures.html",
        {
            "parcours": parcours,
            "contrat": contrat,
            "semaines": _tableau(parcours),
            "formulaires": formulaires,
            "activites": contrat.activites.all() if contrat else [],
            "amenagements": contrat.amenagements.all() if contrat else [],
            "titre": titre,
            "fil_ariane": [{"label": "Droits et devoirs", "url": "/droits/"}, {"label": titre}],
        },
        status=400 if choisi and formulaires.get(choisi) and formulaires[choisi].errors else 200,
    )
