"""A person and their parcours: creation without a silent duplicate, opening a parcours, contact details."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery

from pacte.cadence import cadence_depassee
from pacte.text import normaliser
from parcours.calendrier import aujourdhui
from parcours.models import (
    Beneficiaire,
    Parcours,
)
from parcours.regles import nettoyer, verrouiller

NAISSANCE_AU_PLUS_TOT = datetime.date(1900, 1, 1)


class DoublonPossible(ValidationError):
    """A beneficiary that may be the same person exists: the caller shows the candidates."""

    def __init__(self, message, candidats):
        super().__init__(message)
        self.candidats = candidats


def compter_une_verification_des_doublons(user) -> None:
    """The duplicate check finds people across the département by numéro allocataire: a few per minute."""
    if cadence_depassee(f"doublons:{user.pk}", settings.PACTE_VERIFICATIONS_DOUBLONS_PAR_MINUTE):
        raise ValidationError(
            "Trop de vérifications de doublons en une minute : patientez une minute avant de réessayer. "
            "Rien n'a été enregistré."
        )


@transaction.atomic
def modifier_coordonnees(parcours, *, par, version=None, **champs) -> Beneficiaire:
    """Update the contact details of the person (address, phone, e-mail, commune), with history."""
    permis = {"adresse", "telephone", "email", "commune"}
    if set(champs) - permis:
        raise ValidationError(f"Champs non modifiables ici : {', '.join(sorted(set(champs) - permis))}.")
    beneficiaire = parcours.beneficiaire
    for nom, valeur in champs.items():
        setattr(beneficiaire, nom, valeur.strip() if isinstance(valeur, str) else valeur)
    nettoyer(beneficiaire, exclure=["nom_recherche"])
    verrouiller(parcours, version, par)
    beneficiaire._history_user = par
    beneficiaire.save(update_fields=[*champs, "updated_at"])
    return beneficiaire


@dataclass
class IdentiteBeneficiaire:
    organisme_payeur: str
    numero_allocataire: str
    qualite: str
    nom: str
    prenom: str
    date_naissance: datetime.date


def chercher_doublons(identite: IdentiteBeneficiaire):
    """Beneficiaries that may be this person: same allocataire number and role, or same name and birth date."""
    return (
        Beneficiaire.objects.filter(
            Q(
                organisme_payeur=identite.organisme_payeur,
                numero_allocataire=identite.numero_allocataire,
                qualite=identite.qualite,
            )
            | Q(
                nom_recherche=normaliser(f"{identite.nom} {identite.prenom}"),
                date_naissance=identite.date_naissance,
            )
        )
        .filter(anonymise_le__isnull=True)
        .order_by("nom", "prenom")
    )


def _verifier_dates_ouverture(date_ouverture_droit, date_entree):
    erreurs = {}
    if date_ouverture_droit > aujourdhui():
        erreurs["date_ouverture_droit"] = "La date d'ouverture de droit ne peut pas être dans le futur."
    if date_entree > aujourdhui():
        erreurs["date_entree"] = "La date d'entrée ne peut pas être dans le futur."
    elif date_entree < date_ouverture_droit:
        erreurs["date_entree"] = "L'entrée dans le dispositif ne peut pas précéder l'ouverture de droit."
    if erreurs:
        raise ValidationError(erreurs)


@transaction.atomic
def ouvrir_parcours(beneficiaire, *, mdd, date_ouverture_droit, date_entree, par, referent=None) -> Parcours:
    _verifier_dates_ouverture(date_ouverture_droit, date_entree)
    precedent = beneficiaire.parcours.order_by("-date_entree").first()
    if precedent is not None and precedent.est_ouvert:
        raise ValidationError(f"{beneficiaire} a déjà un parcours ouvert ({precedent.mdd}).")
    if precedent is not None and date_entree < precedent.date_sortie:
        raise ValidationError(
            {
                "date_entree": f"La nouvelle entrée ne peut pas précéder la sortie du parcours précédent "
                f"({precedent.date_sortie:%d/%m/%Y})."
            }
        )
    parcours = Parcours(
        beneficiaire=beneficiaire,
        mdd=mdd,
        referent=referent,
        date_ouverture_droit=date_ouverture_droit,
        date_entree=date_entree,
        modifie_par=par,
    )
    parcours._history_user = par
    parcours.save()
    return parcours


@transaction.atomic
def creer_beneficiaire(
    identite: IdentiteBeneficiaire,
    *,
    mdd,
    date_ouverture_droit,
    date_entree,
    par,
    autres_champs=None,
    confirme_autre_personne=False,
    referent=None,
) -> Parcours:
    """Create a beneficiary and open their parcours, refusing a silent duplicate.

    Same allocataire number and role: always refused (it is the same person; reopen their parcours).
    Same name and birth date: refused unless the user confirmed, after seeing the candidates, that it is
    another person.
    """
    if identite.date_naissance > aujourdhui():
        raise ValidationError({"date_naissance": "La date de naissance ne peut pas être dans le futur."})
    if identite.date_naissance < NAISSANCE_AU_PLUS_TOT:
        raise ValidationError({"date_naissance": "La date de naissance ne peut pas être avant 1900."})
    _verifier_dates_ouverture(date_ouverture_droit, date_entree)
    candidats = list(chercher_doublons(identite))
    meme_numero = [
        c
        for c in candidats
        if (c.organisme_payeur, c.numero_allocataire, c.qualite)
        == (identite.organisme_payeur, identite.numero_allocataire, identite.qualite)
    ]
    if meme_numero:
        raise DoublonPossible(
            "Une personne de même qualité est déjà enregistrée avec ce numéro allocataire : "
            "ouvrez-lui un nouveau parcours plutôt que de la créer à nouveau.",
            meme_numero,
        )
    if candidats and not confirme_autre_personne:
        raise DoublonPossible(
            "Une personne de même nom et de même date de naissance existe déjà. Vérifiez qu'il ne s'agit pas "
            "d'elle ; si c'est une autre personne, confirmez-le pour l'enregistrer.",
            candidats,
        )
    beneficiaire = Beneficiaire(**vars(identite), **(autres_champs or {}))
    nettoyer(beneficiaire, exclure=["nom_recherche"])
    beneficiaire._history_user = par
    try:
        with transaction.atomic():
            beneficiaire.save()
    except IntegrityError:
        raise ValidationError("Une personne de même qualité existe déjà pour ce numéro allocataire.") from None
    return ouvrir_parcours(
        beneficiaire,
        mdd=mdd,
        date_ouverture_droit=date_ouverture_droit,
        date_entree=date_entree,
        par=par,
        referent=referent,
    )


def foyer(beneficiaire, user) -> list:
    """The other members of the person's household (same numéro allocataire and payer), each with the open parcours
    the user may open (None otherwise): the page names the conjoint, and links to their parcours only in scope."""
    membres = list(
        Beneficiaire.objects.filter(
            organisme_payeur=beneficiaire.organisme_payeur, numero_allocataire=beneficiaire.numero_allocataire
        )
        .exclude(pk=beneficiaire.pk)
        .annotate(
            parcours_visible=Subquery(
                Parcours.objects.visible_par(user).ouverts().filter(beneficiaire=OuterRef("pk")).values("pk")[:1]
            )
        )
        .order_by("qualite", "nom", "prenom")
    )
    return membres
