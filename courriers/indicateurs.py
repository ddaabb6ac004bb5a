"""The counts behind the «Invitations et convocations» figures, as plain aggregate queries over a perimeter.

The indicator engine (evaluation.indicateurs.courriers) is their only reader: it passes the parcours in scope (their
MDD and territory taken at the observation date) and, for a breakdown, the expression that gives each row's key;
it turns the counts into figures (rates, «non disponible»). courriers is below evaluation and cannot import it:
the perimeter comes in as a queryset, the key as a function of the path to the parcours.

Days are local days: [debut, fin] becomes [local midnight of debut, local midnight of fin + 1 day).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum

from courriers.choices import Canal, EtatInvitation, NatureCourrier, StatutMessage
from courriers.models import Convocation, Invitation, Message
from parcours.calendrier import debut_du_jour
from parcours.choices import Presence

# A message that failed or bounced never reached the person; a queued one is on its way (retried, never lost).
NON_PARVENUS = (StatutMessage.ECHOUE, StatutMessage.REJETE)
PRESENCES_NOTEES = (Presence.PRESENT, Presence.ABSENT_EXCUSE, Presence.ABSENT_NON_EXCUSE)

Cle = Callable[[str], object] | None


def entre(champ: str, debut: datetime.date, fin: datetime.date) -> Q:
    """A datetime field within the local days [debut, fin]."""
    return Q(**{f"{champ}__gte": debut_du_jour(debut), f"{champ}__lt": debut_du_jour(fin + datetime.timedelta(days=1))})


def dans(qs: QuerySet, chemin: str, parcours: QuerySet | None) -> QuerySet:
    """Rows whose parcours (reached by `chemin`) is in scope; no semi-join when the scope is everything."""
    if parcours is None or not parcours.query.where:
        return qs
    return qs.filter(**{f"{chemin}__in": parcours})


def agreger(qs: QuerySet, chemin: str, cle: Cle, **agregats) -> dict:
    """{key: aggregates}: one row (key None) without `cle`, else one GROUP BY on `cle(chemin)`."""
    if cle is None:
        return {None: qs.aggregate(**agregats)}
    lignes = qs.annotate(cle_ventilation=cle(chemin)).values("cle_ventilation").annotate(**agregats).order_by()
    return {ligne.pop("cle_ventilation"): ligne for ligne in lignes}


def _personnes(chemin: str, filtre: Q | None = None) -> Count:
    return Count(f"{chemin}__beneficiaire", distinct=True, filter=filtre)


def invitations(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Invitations made in the period: how many, to how many people, how many booked from their link."""
    qs = dans(Invitation.objects.filter(entre("created_at", debut, fin)), "parcours", parcours)
    a_reserve = Q(reservation__isnull=False) | Q(etat=EtatInvitation.RESERVEE) | Q(deplacements__gt=0)
    return agreger(
        qs,
        "parcours",
        cle,
        invitations=Count("pk"),
        personnes=_personnes("parcours"),
        reservees=Count("pk", filter=a_reserve),
    )


def invitations_par_canal(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Invitations of the period that went out on each channel (a message not failed nor bounced)."""
    qs = dans(
        Message.objects.filter(entre("invitation__created_at", debut, fin), nature=NatureCourrier.INVITATION).exclude(
            statut__in=NON_PARVENUS
        ),
        "parcours",
        parcours,
    )
    return agreger(
        qs, "parcours", cle, **{c.value: Count("invitation", distinct=True, filter=Q(canal=c.value)) for c in Canal}
    )


def delais_invitation_rendez_vous(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Invitations of the period with a booking still held: how many, and the summed delay invitation → slot."""
    qs = dans(
        Invitation.objects.filter(
            entre("created_at", debut, fin), reservation__isnull=False, reservation__annulee_le__isnull=True
        ),
        "parcours",
        parcours,
    )
    delai = ExpressionWrapper(F("reservation__creneau__debut") - F("created_at"), output_field=DurationField())
    return agreger(qs, "parcours", cle, nombre=Count("pk"), total=Sum(delai))


def convocations(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Convocations to a slot in the period: how many, how many with the attendance noted, how many absent
    without excuse (the absence that can lead to a sanction)."""
    qs = dans(Convocation.objects.filter(entre("date", debut, fin)), "parcours", parcours)
    return agreger(
        qs,
        "parcours",
        cle,
        convocations=Count("pk"),
        notees=Count("pk", filter=Q(rendez_vous__presence__in=PRESENCES_NOTEES)),
        absents=Count("pk", filter=Q(rendez_vous__presence=Presence.ABSENT_NON_EXCUSE)),
    )
