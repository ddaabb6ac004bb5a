"""The contrat d'engagement and its state machine: brouillon → signé → échu or résilié, nothing else.

TRANSITIONS_CONTRAT is the table; appliquer_transition is the only function that changes a contract's state,
and it writes a TransitionContrat row (who, when, from, to) in the caller's transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from parcours.calendrier import ajouter_mois, aujourdhui
from parcours.choices import EtatContrat
from parcours.models import ContratEngagement, TransitionContrat
from parcours.regles import enregistrer_parcours, pas_dans_le_futur, verifier_ouvert, verrouiller

DUREE_MAX_CONTRAT_SANS_MOTIF_MOIS = 12

# The contract state machine: the only allowed moves.
TRANSITIONS_CONTRAT = {
    EtatContrat.BROUILLON: {EtatContrat.SIGNE},
    EtatContrat.SIGNE: {EtatContrat.ECHU, EtatContrat.RESILIE},
    EtatContrat.ECHU: set(),
    EtatContrat.RESILIE: set(),
}


def etat_contrat_effectif(contrat, jour=None) -> str:
    """A signed contract past its end is échu even before the nightly task records it."""
    jour = jour or aujourdhui()
    if contrat.etat == EtatContrat.SIGNE and contrat.date_fin < jour:
        return EtatContrat.ECHU
    return contrat.etat


@transaction.atomic
def enregistrer_contrat(
    parcours,
    *,
    date_debut,
    date_fin,
    objectifs,
    heures_hebdomadaires,
    par,
    date_signature=None,
    motif_duree="",
    version=None,
) -> ContratEngagement:
    verifier_ouvert(parcours)
    erreurs = {}
    if parcours.orientation_courante_id is None:
        raise ValidationError("Le parcours doit être orienté avant la signature d'un contrat d'engagement.")
    if date_fin <= date_debut:
        erreurs["date_fin"] = "La fin du contrat doit suivre son début."
    elif date_fin > ajouter_mois(date_debut, DUREE_MAX_CONTRAT_SANS_MOTIF_MOIS) and not motif_duree.strip():
        erreurs["motif_duree"] = "Un contrat de plus de 12 mois doit indiquer le motif de cette durée."
    if heures_hebdomadaires is None or not (0 <= heures_hebdomadaires <= 35):
        erreurs["heures_hebdomadaires"] = "Les heures d'activité hebdomadaires vont de 0 à 35."
    if date_signature is not None and date_signature > aujourdhui():
        erreurs["date_signature"] = "La date de signature ne peut pas être dans le futur."
    if date_debut < parcours.date_entree:
        erreurs["date_debut"] = (
            f"Le contrat ne peut pas commencer avant l'entrée dans le dispositif ({parcours.date_entree:%d/%m/%Y})."
        )
    if not (objectifs or "").strip():
        erreurs["objectifs"] = "Indiquez les objectifs du contrat."
    if erreurs:
        raise ValidationError(erreurs)
    verrouiller(parcours, version, par)
    contrat = ContratEngagement(
        parcours=parcours,
        date_debut=date_debut,
        date_fin=date_fin,
        objectifs=objectifs.strip(),
        heures_hebdomadaires=heures_hebdomadaires,
        date_signature=date_signature,
        etat=EtatContrat.SIGNE if date_signature else EtatContrat.BROUILLON,
        motif_duree=motif_duree.strip(),
        created_by=par,
    )
    contrat._history_user = par
    contrat.save()
    TransitionContrat.objects.create(contrat=contrat, etat_avant="", etat_apres=contrat.etat, par=par)
    parcours.contrat_courant = contrat
    enregistrer_parcours(parcours, par, ["contrat_courant"])
    return contrat


def verifier_transition(contrat, cible) -> None:
    """ValidationError (French) unless TRANSITIONS_CONTRAT allows the move; nothing changed."""
    if cible not in TRANSITIONS_CONTRAT[EtatContrat(contrat.etat)]:
        raise ValidationError(
            f"Un contrat « {contrat.get_etat_display().lower()} » ne peut pas passer à l'état "
            f"« {EtatContrat(cible).label.lower()} »."
        )


def appliquer_transition(contrat, cible, *, par, champs=(), motif="") -> ContratEngagement:
    """Move the contract to `cible`, save it with `champs` and log the move; the caller holds the transaction."""
    verifier_transition(contrat, cible)
    avant = contrat.etat
    contrat.etat = cible
    contrat._history_user = par
    contrat.save(update_fields=["etat", *champs])
    TransitionContrat.objects.create(contrat=contrat, etat_avant=avant, etat_apres=cible, par=par, motif=motif[:250])
    return contrat


@transaction.atomic
def signer_contrat(contrat, *, date_signature, par, version=None) -> ContratEngagement:
    parcours = contrat.parcours
    verifier_ouvert(parcours)
    pas_dans_le_futur(date_signature, "date_signature", "La date de signature")
    verifier_transition(contrat, EtatContrat.SIGNE)
    verrouiller(parcours, version, par)
    contrat.date_signature = date_signature
    return appliquer_transition(contrat, EtatContrat.SIGNE, par=par, champs=["date_signature"])


@transaction.atomic
def resilier_contrat(contrat, *, date_resiliation, motif, par, version=None) -> ContratEngagement:
    parcours = contrat.parcours
    verifier_ouvert(parcours)
    pas_dans_le_futur(date_resiliation, "date_resiliation", "La date de résiliation")
    if not (motif or "").strip():
        raise ValidationError({"motif_resiliation": "Indiquez le motif de la résiliation."})
    verifier_transition(contrat, EtatContrat.RESILIE)
    if contrat.date_signature and date_resiliation < contrat.date_signature:
        raise ValidationError({"date_resiliation": "La résiliation ne peut pas précéder la signature du contrat."})
    verrouiller(parcours, version, par)
    contrat.date_resiliation = date_resiliation
    contrat.motif_resiliation = motif.strip()
    return appliquer_transition(
        contrat, EtatContrat.RESILIE, par=par, champs=["date_resiliation", "motif_resiliation"], motif=motif.strip()
    )


@transaction.atomic
def echoir_contrats(jour=None) -> int:
    """Record as échu the signed contracts whose end has passed (the nightly command), each move logged."""
    jour = jour or aujourdhui()
    echus = list(
        ContratEngagement.objects.select_for_update()
        .filter(etat=EtatContrat.SIGNE, date_fin__lt=jour)
        .values_list("pk", flat=True)
    )
    ContratEngagement.objects.filter(pk__in=echus).update(etat=EtatContrat.ECHU)
    TransitionContrat.objects.bulk_create(
        TransitionContrat(
            contrat_id=pk, etat_avant=EtatContrat.SIGNE, etat_apres=EtatContrat.ECHU, motif="Fin du contrat atteinte"
        )
        for pk in echus
    )
    return len(echus)
