"""The bilan annuel state machine: its table of allowed transitions and the one function that applies one.

brouillon → soumis → approuvé (frozen), and back from soumis to brouillon. Every move is written to
TransitionBilan (who, when, from, to) in the same transaction as the change of state; the service functions of
evaluation.services check who may move and what must be true, then call `appliquer_transition`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from evaluation.models import BilanAnnuel, EtatBilan, TransitionBilan

# The only allowed moves of a bilan, with the verb the journal and the pages say.
TRANSITIONS = {
    (EtatBilan.BROUILLON, EtatBilan.SOUMIS): "soumettre",
    (EtatBilan.SOUMIS, EtatBilan.BROUILLON): "renvoyer en brouillon",
    (EtatBilan.SOUMIS, EtatBilan.APPROUVE): "approuver",
}


def transition_permise(depuis: str, vers: str) -> bool:
    return (depuis, vers) in TRANSITIONS


def etats_pouvant_aller_vers(vers: str) -> list[str]:
    """The states a bilan may leave for `vers`: the pages offer a transition's form only in those."""
    return [depuis for depuis, arrivee in TRANSITIONS if arrivee == vers]


def appliquer_transition(bilan: BilanAnnuel, vers: str, par, **champs) -> BilanAnnuel:
    """Apply one allowed transition with the fields it sets, and write its log row, in one transaction."""
    if not transition_permise(bilan.etat, vers):
        raise ValidationError(
            f"Un bilan à l'état « {bilan.get_etat_display().lower()} » ne peut pas passer à "
            f"« {EtatBilan(vers).label.lower()} »."
        )
    avant = bilan.etat
    with transaction.atomic():
        for nom, valeur in champs.items():
            setattr(bilan, nom, valeur)
        bilan.etat = vers
        bilan.save()
        TransitionBilan.objects.create(bilan=bilan, etat_avant=avant, etat_apres=vers, par=par)
    return bilan


def journaliser_creation(bilan: BilanAnnuel, par) -> None:
    """A new bilan (or a new version) starts as a draft: the first row of its journal."""
    TransitionBilan.objects.create(bilan=bilan, etat_avant="", etat_apres=EtatBilan.BROUILLON, par=par)
