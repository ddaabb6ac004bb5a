"""Creating a beneficiary and opening their parcours, never as a silent duplicate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pacte.models.journal import journaliser
from parcours.forms import NouveauBeneficiaireForm
from parcours.models import Parcours
from parcours.permissions import creation_requise
from parcours.personnes import DoublonPossible, chercher_doublons, creer_beneficiaire, ouvrir_parcours
from parcours.views.fiche import _reporter


def _candidats_affiches(user, candidats):
    """What the user may see of each possible duplicate: name, birth date, the MDD that follows them."""
    visibles = set(
        Parcours.objects.visible_par(user).filter(beneficiaire__in=candidats).values_list("beneficiaire_id", "pk")
    )
    lien = dict(visibles)
    ouverts = dict(
        Parcours.objects.ouverts().filter(beneficiaire__in=candidats).values_list("beneficiaire_id", "mdd__nom")
    )
    return [
        {
            "beneficiaire": c,
            "mdd": ouverts.get(c.pk, "aucun parcours ouvert"),
            "parcours_pk": lien.get(c.pk),
            "peut_rouvrir": c.pk not in ouverts,
        }
        for c in candidats
    ]


def _rouvrir(request, formulaire):
    """Re-entry of a known person: only one of the candidates of this identity, never a forged id."""
    d = formulaire.cleaned_data
    identifiant = request.POST["rouvrir"]
    if not (identifiant.isascii() and identifiant.isdigit()):
        raise Http404("Personne introuvable.")
    beneficiaire = get_object_or_404(chercher_doublons(formulaire.identite()), pk=identifiant)
    return ouvrir_parcours(
        beneficiaire,
        mdd=d["mdd"],
        date_ouverture_droit=d["date_ouverture_droit"],
        date_entree=d["date_entree"],
        par=request.user,
    )


def _journaliser_candidats(request, candidats):
    for c in candidats:
        journaliser(
            request.user,
            page=request.path,
            objet="bénéficiaire",
            objet_id=c.pk,
            beneficiaire_id=c.pk,
            libelle="Doublon possible montré à la création",
        )


def _enregistrer(request, formulaire):
    d = formulaire.cleaned_data
    if request.POST.get("rouvrir"):
        return _rouvrir(request, formulaire)
    return creer_beneficiaire(
        formulaire.identite(),
        mdd=d["mdd"],
        date_ouverture_droit=d["date_ouverture_droit"],
        date_entree=d["date_entree"],
        par=request.user,
        autres_champs=formulaire.autres_champs(),
        confirme_autre_personne=d["confirme_autre_personne"],
    )


def _page_suivante(request, parcours):
    """The agent goes on to the parcours, the chargé d'orientation to orienting it."""
    messages.success(request, f"{parcours.beneficiaire} est enregistré(e), son parcours est ouvert.")
    if request.user.est_agent_mdd and Parcours.objects.visible_par(request.user).filter(pk=parcours.pk).exists():
        return redirect("parcours:fiche", pk=parcours.pk)
    if request.user.est_charge_orientation:
        return redirect("parcours:orienter", pk=parcours.pk)
    return redirect("parcours:file_active")


@creation_requise
def creer(request):
    formulaire = NouveauBeneficiaireForm(request.POST or None, user=request.user)
    candidats = []
    if request.method == "POST" and formulaire.is_valid():
        try:
            return _page_suivante(request, _enregistrer(request, formulaire))
        except DoublonPossible as doublon:
            formulaire.add_error(None, doublon.messages[0])
            candidats = _candidats_affiches(request.user, doublon.candidats)
            _journaliser_candidats(request, doublon.candidats)
        except ValidationError as erreur:
            _reporter(formulaire, erreur)
    retour = reverse("parcours:file_active") if request.user.est_agent_mdd else reverse("parcours:a_orienter")
    return render(
        request,
        "parcours/creer.html",
        {
            "form": formulaire,
            "candidats": candidats,
            "titre": "Nouveau bénéficiaire",
            "fil_ariane": [{"label": "Personnes", "url": retour}, {"label": "Nouveau bénéficiaire"}],
        },
    )
