"""Right of access (RGPD art. 15): the administrator exports everything held on one person, logged."""

import json

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from pacte.access import administrateur_requis
from pacte.forms import BaseForm
from pacte.models.journal import journaliser, journaliser_liste
from parcours.models import Beneficiaire
from parcours.rgpd import donnees_de_la_personne


class RechercheDroitAccesForm(BaseForm):
    numero_allocataire = forms.RegexField(
        label="Numéro allocataire",
        regex=r"^\d{7,13}$",
        error_messages={"invalid": "Le numéro allocataire compte de 7 à 13 chiffres."},
    )


@administrateur_requis
def droit_d_acces(request):
    form = RechercheDroitAccesForm(request.GET or None)
    personnes = []
    if form.is_valid():
        personnes = list(
            Beneficiaire.objects.filter(numero_allocataire=form.cleaned_data["numero_allocataire"]).only(
                "pk", "nom", "prenom", "qualite", "organisme_payeur", "date_naissance"
            )
        )
        journaliser_liste(
            request.user,
            page=request.get_full_path(),
            objet="bénéficiaire",
            lignes=((b.pk, b.pk) for b in personnes),
            libelle="Droit d'accès : personne trouvée par son numéro allocataire",
        )
    return render(
        request,
        "parcours/droit_d_acces.html",
        {
            "form": form,
            "personnes": personnes,
            "titre": "Droit d'accès d'une personne",
            "fil_ariane": [{"label": "Droit d'accès"}],
        },
    )


@administrateur_requis
def droit_d_acces_export(request, pk):
    beneficiaire = get_object_or_404(Beneficiaire, pk=pk)
    journaliser(
        request.user,
        page=request.path,
        objet="bénéficiaire",
        objet_id=beneficiaire.pk,
        beneficiaire_id=beneficiaire.pk,
        nature="export",
        libelle="Export au titre du droit d'accès (RGPD art. 15)",
    )
    contenu = json.dumps(donnees_de_la_personne(beneficiaire), ensure_ascii=False, indent=2)
    response = HttpResponse(contenu, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="droit-acces-{beneficiaire.pk}.json"'
    return response
