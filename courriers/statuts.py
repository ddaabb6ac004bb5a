"""The status of a message: its allowed transitions and the one function that applies one and logs it.

Each transition is a conditional UPDATE on the status the caller read: of two workers that pick the same queued
message, only one moves it to en_cours and sends it; the other finds the row changed and leaves it."""

from django.db import transaction
from django.utils import timezone

from courriers.choices import StatutMessage as S
from courriers.models import Message, TransitionMessage

TRANSITIONS = {
    S.EN_ATTENTE: {S.EN_COURS, S.ECHOUE, S.ENVOYE},
    S.EN_COURS: {S.ENVOYE, S.EN_ATTENTE, S.ECHOUE, S.REJETE},
    S.ENVOYE: {S.DISTRIBUE, S.ECHOUE, S.REJETE},
    # A failed message can be queued again by an agent; delivered and bounced are final.
    S.ECHOUE: {S.EN_ATTENTE},
    S.DISTRIBUE: set(),
    S.REJETE: set(),
}


class TransitionRefusee(Exception):
    pass


@transaction.atomic
def appliquer(message: Message, apres: str, *, detail: str = "", **champs) -> bool:
    """Move the message from the status it has in memory to `apres`, writing `champs` with it.

    False (nothing written) when another process changed the status first; TransitionRefusee when the
    table does not allow the move."""
    avant = message.statut
    if apres not in TRANSITIONS[avant]:
        raise TransitionRefusee(f"Un message « {S(avant).label} » ne peut pas passer à « {S(apres).label} ».")
    maintenant = timezone.now()
    lignes = Message.objects.filter(pk=message.pk, statut=avant).update(statut=apres, statut_le=maintenant, **champs)
    if not lignes:
        return False
    TransitionMessage.objects.create(message=message, statut_avant=avant, statut_apres=apres, detail=detail[:250])
    message.statut, message.statut_le = apres, maintenant
    for cle, valeur in champs.items():
        if not hasattr(valeur, "resolve_expression"):
            setattr(message, cle, valeur)
    return True
