"""Manquements: the list with the alerts, opening one, its page, the steps taken on it, its letters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from droits import alertes, manquements, pdf, remobilisation
from droits.forms import ClassementForm, InformationForm, ManquementForm, ObservationForm, RemobilisationForm
from droits.heures import en_dessous_du_plan
from droits.models import Decision, Manquement
from droits.permissions import droits_requis
from droits.views.outils import journaliser_manquement, reporter
from droits.views.outils import pdf as reponse_pdf
from pacte.models.journal import journaliser, journaliser_liste
from parcours.calendrier import aujourdhui
from parcours.models import Parcours, Prescription, RendezVous

FIL = {"label": "Droits et devoirs", "url": "/droits/"}


def _visibles(user):
    return Manquement.objects.visible_par(user).select_related("parcours__beneficiaire", "decision")


def _sous_le_plan(parcours):
    try:
        return list(en_dessous_du_plan(parcours, aujourdhui())[:50])
    except ValidationError:  # no scale loaded yet: no alert on the hours
        return []


@droits_requis
def liste(request):
    parcours = Parcours.objects.visible_par(request.user)
    en_cours = list(_visibles(request.user).en_cours()[:200])
    contexte = {
        "manquements": en_cours,
        "absences": list(alertes.absences_non_excusees(parcours)[:50]),
        "contrats": list(alertes.contrats_non_signes(parcours, aujourdhui())[:50]),
        "refus": list(alertes.actions_refusees(parcours)[:50]),
        "heures": _sous_le_plan(parcours),
        "titre": "Droits et devoirs",
        "fil_ariane": [{"label": "Droits et devoirs"}],
    }
    journaliser_liste(
        request.user,
        page=request.path,
        objet="manquement",
        lignes=[(m.pk, m.parcours.beneficiaire_id) for m in en_cours],
    )
    return render(request, "droits/liste.html", contexte)


def _depuis_alerte(request, parcours):
    """The event an alert points to (?rendez_vous= or ?prescription=), on this parcours only."""
    rdv = request.GET.get("rendez_vous") or request.POST.get("rendez_vous")
    prescription = request.GET.get("prescription") or request.POST.get("prescription")
    return {
        "rendez_vous": get_object_or_404(RendezVous, pk=rdv, parcours=parcours) if rdv else None,
        "prescription": get_object_or_404(Prescription, pk=prescription, parcours=parcours) if prescription else None,
    }


@droits_requis
def ouvrir(request, pk):
    parcours = get_object_or_404(
        Parcours.objects.visible_par(request.user).ouverts().select_related("beneficiaire"), pk=pk
    )
    liens = _depuis_alerte(request, parcours)
    form = ManquementForm(
        request.POST or None, initial={"nature": request.GET.get("nature"), "date_constat": aujourdhui()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            origine = "alerte" if any(liens.values()) or request.POST.get("alerte") else "referent"
            manquement = manquements.ouvrir_manquement(
                parcours, par=request.user, origine=origine, **liens, **form.cleaned_data
            )
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            journaliser_manquement(request, manquement, nature="modification", libelle="Ouverture du manquement")
            messages.success(request, "Le manquement est ouvert : envoyez le courrier d'information.")
            return redirect("droits:manquement", pk=manquement.pk)
    journaliser(
        request.user,
        page=request.path,
        objet="parcours",
        objet_id=parcours.pk,
        beneficiaire_id=parcours.beneficiaire_id,
    )
    titre = f"Ouvrir un manquement : {parcours.beneficiaire}"
    return render(
        request,
        "droits/ouvrir.html",
        {"form": form, "parcours": parcours, "liens": liens, "titre": titre, "fil_ariane": [FIL, {"label": titre}]},
    )


@droits_requis
def manquement(request, pk):
    m = get_object_or_404(_visibles(request.user).select_related("bareme"), pk=pk)
    journaliser_manquement(request, m)
    decision = Decision.objects.filter(manquement=m).first()
    return render(
        request,
        "droits/manquement.html",
        {
            "manquement": m,
            "decision": decision,
            "observations": m.observations.all(),
            "transitions": m.transitions.select_related("par"),
            "dossiers": m.dossiers_ep.select_related("seance"),
            "formulaires": {nom: classe(prefix=nom) for nom, (classe, _) in ACTIONS.items()},
            "titre": str(m),
            "fil_ariane": [FIL, {"label": str(m)}],
        },
    )


def _informer(m, donnees, user):
    return manquements.informer(m, date_information=donnees["date_information"], par=user)


def _observer(m, donnees, user):
    return manquements.enregistrer_observation(m, par=user, **donnees)


def _classer(m, donnees, user):
    return manquements.classer(m, motif=donnees["motif"], par=user)


def _remobiliser(m, donnees, user):
    decision = get_object_or_404(Decision, manquement=m)
    return remobilisation.remobiliser(decision, date=donnees["date"], motif=donnees["motif"], par=user)


ACTIONS = {
    "informer": (InformationForm, _informer),
    "observation": (ObservationForm, _observer),
    "classer": (ClassementForm, _classer),
    "remobiliser": (RemobilisationForm, _remobiliser),
}


@droits_requis
@require_POST
def agir(request, pk, action):
    if action not in ACTIONS:
        return redirect("droits:manquement", pk=pk)
    m = get_object_or_404(_visibles(request.user), pk=pk)
    classe, fonction = ACTIONS[action]
    form = classe(request.POST, prefix=action)
    if form.is_valid():
        try:
            fonction(m, form.cleaned_data, request.user)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            journaliser_manquement(request, m, nature="modification", libelle=action)
            messages.success(request, "C'est enregistré.")
            return redirect("droits:manquement", pk=m.pk)
    formulaires = {nom: (form if nom == action else c(prefix=nom)) for nom, (c, _) in ACTIONS.items()}
    return render(
        request,
        "droits/manquement.html",
        {
            "manquement": m,
            "decision": Decision.objects.filter(manquement=m).first(),
            "observations": m.observations.all(),
            "transitions": m.transitions.select_related("par"),
            "dossiers": m.dossiers_ep.select_related("seance"),
            "formulaires": formulaires,
            "titre": str(m),
            "fil_ariane": [FIL, {"label": str(m)}],
        },
        status=400,
    )


COURRIERS = {"information": pdf.courrier_information, "decision": pdf.courrier_decision, "rappel": pdf.courrier_rappel}


@droits_requis
def courrier(request, pk, nature):
    m = get_object_or_404(_visibles(request.user).select_related("bareme", "parcours__beneficiaire__commune"), pk=pk)
    if nature not in COURRIERS or (nature == "information" and not m.date_information):
        return redirect("droits:manquement", pk=m.pk)
    if nature == "information":
        contenu = COURRIERS[nature](m)
    else:
        decision = get_object_or_404(
            Decision.objects.select_related("delegation", "dossier_ep__seance", "decide_par"), manquement=m
        )
        if nature == "rappel" and not decision.date_remobilisation:
            return redirect("droits:manquement", pk=m.pk)
        contenu = COURRIERS[nature](decision)
    journaliser_manquement(request, m, nature="export", libelle=f"Courrier : {nature}")
    return reponse_pdf(contenu, f"courrier-{nature}-{m.pk}.pdf")
