"""A parcours leaves: its sortie, or its transfer to another MDD."""

from django.core.exceptions import ValidationError
from django.db import transaction

from parcours.models import (
    Sortie,
    Transfert,
)
from parcours.regles import enregistrer_parcours, pas_avant_entree, pas_dans_le_futur, verifier_ouvert, verrouiller


@transaction.atomic
def enregistrer_sortie(parcours, *, date, type, par, commentaire="", version=None) -> Sortie:
    if not parcours.est_ouvert:
        raise ValidationError(f"Ce parcours est déjà clos depuis le {parcours.date_sortie:%d/%m/%Y}.")
    pas_dans_le_futur(date, "date", "La date de sortie")
    pas_avant_entree(parcours, date, "date", "La date de sortie")
    verrouiller(parcours, version, par)
    sortie = Sortie(parcours=parcours, date=date, type=type, commentaire=commentaire.strip(), created_by=par)
    sortie._history_user = par
    sortie.save()
    parcours.date_sortie = date
    enregistrer_parcours(parcours, par, ["date_sortie"])
    return sortie


@transaction.atomic
def transferer(parcours, *, mdd_destination, date, par, motif="", version=None) -> Transfert:
    """Move the parcours to another MDD: its référent there is chosen by the receiving MDD."""
    verifier_ouvert(parcours)
    if mdd_destination.pk == parcours.mdd_id:
        raise ValidationError({"mdd_destination": "Le transfert se fait vers une autre MDD."})
    pas_dans_le_futur(date, "date", "La date du transfert")
    pas_avant_entree(parcours, date, "date", "La date du transfert")
    verrouiller(parcours, version, par)
    transfert = Transfert.objects.create(
        parcours=parcours,
        date=date,
        mdd_origine_id=parcours.mdd_id,
        mdd_destination=mdd_destination,
        referent_avant_id=parcours.referent_id,
        motif=motif.strip(),
        created_by=par,
    )
    parcours.mdd = mdd_destination
    parcours.referent = None
    enregistrer_parcours(parcours, par, ["mdd", "referent"])
    return transfert
