"""Creating a beneficiary and opening their parcours, never as a silent duplicate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pacte.models.journal import journaliser_liste
from parcours.forms import NouveauBeneficiaireForm
from parcours.models import Parcours
from parcours.permissions import creation_requise
from parcours.personnes import (
    DoublonPossible,
    chercher_doublons,
    compter_une_verification_des_doublons,
    creer_beneficiaire,
    ouvrir_parcours,
)
from parcours.views.fiche import _reporter


def _candidats_affiches(user, candidats):
    """What avoids a double, and no more: a person outside the user's scope shows only the MDD to contact.

    Name, birth date and number are shown only for people the user may already see (a parcours in their
    scope); otherwise the check would be a directory of the département by numéro allocataire."""
    lien = dict(
        Parcours.objects.visible_par(user).filter(beneficiaire__in=candidats).values_list("beneficiaire_id", "pk")
    )
    ouverts = dict(
        Parcours.objects.ouverts().filter(beneficiaire__in=candidats).values_list("beneficiaire_id", "mdd__nom")
    )
    return [
        {
            "beneficiaire": c,
            "dans_le_perimetre": c.pk in lien,
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


def _journaliser_verification(request, candidats, cree=None):
    """Each duplicate check is logged, in one INSERT: one entry per person found, or the one just created."""
    if candidats:
        lignes, libelle = ((c.pk, c.pk) for c in candidats), "Vérification des doublons : personne trouvée"
    else:
        lignes, libelle = [(cree, cree)], "Vérification des doublons, puis ouverture du parcours"
    journaliser_liste(request.user, page=request.path, objet="bénéficiaire", lignes=lignes, libelle=libelle)


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
            compter_une_verification_des_doublons(request.user)
            parcours = _enregistrer(request, formulaire)
            _journaliser_verification(request, [], cree=parcours.beneficiaire_id)
            return _page_suivante(request, parcours)
        except DoublonPossible as doublon:
            formulaire.add_error(None, doublon.messages[0])
            candidats = _candidats_affiches(request.user, doublon.candidats)
            _journaliser_verification(request, doublon.candidats)
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
