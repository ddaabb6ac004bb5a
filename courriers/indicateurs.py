"""What the indicator engine (evaluation/) reads to count invitations, convocations and bookings.

Querysets, not figures: the engine applies its own period, MDD and territory filters (each queryset carries the
parcours, so `parcours__mdd`, `parcours__mdd__territoire` filter it) and its own rule for «no data». The dates
of observation are the created_at of the invitation or convocation, in the period [debut, fin].
"""

from django.db.models import DurationField, ExpressionWrapper, F, Q

from courriers.choices import EtatInvitation, NatureCourrier
from courriers.models import Convocation, Invitation, Message

PRESENCES_NOTEES = ("present", "absent_excuse", "absent_non_excuse")


def _periode(qs, debut, fin, champ="created_at"):
    return qs.filter(**{f"{champ}__date__gte": debut, f"{champ}__date__lte": fin})


def messages_d_invitation(debut, fin):
    """Invitation messages written in the period, one row per channel; `.values("canal").annotate(Count("pk"))`
    gives the invitations sent by channel (the letters count as sent when made)."""
    return _periode(Message.objects.filter(nature=NatureCourrier.INVITATION), debut, fin).exclude(
        statut__in=("echoue", "rejete")
    )


def invitations(debut, fin):
    """Invitations of the period, each annotated `a_reserve` (a booking was made from the link, kept or moved)."""
    return _periode(Invitation.objects.all(), debut, fin).annotate(
        a_reserve=Q(etat=EtatInvitation.RESERVEE) | Q(reservation__isnull=False) | Q(deplacements__gt=0)
    )


def delais_invitation_rendez_vous(debut, fin):
    """Invitations of the period that led to a booking still held, with `delai_reservation` (invitation → booking)
    and `delai_rendez_vous` (invitation → date of the rendez-vous), as durations for Avg and the median."""
    return _periode(
        Invitation.objects.filter(reservation__isnull=False, reservation__annulee_le__isnull=True), debut, fin
    ).annotate(
        delai_reservation=ExpressionWrapper(F("reservation__created_at") - F("created_at"), DurationField()),
        delai_rendez_vous=ExpressionWrapper(F("reservation__creneau__debut") - F("created_at"), DurationField()),
    )


def convocations_avec_presence(debut, fin):
    """Convocations whose rendez-vous fell in the period and has its attendance noted, each annotated `absent`
    (absent non excusé: the absence that can lead to a sanction) — the absence rate of convened people."""
    return _periode(
        Convocation.objects.filter(rendez_vous__presence__in=PRESENCES_NOTEES), debut, fin, champ="date"
    ).annotate(absent=Q(rendez_vous__presence="absent_non_excuse"))
