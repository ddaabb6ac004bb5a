"""What is in scope of a figure, as at its observation date (the last day of the period).

- parcours in scope: the MDD and territory are those that followed the parcours on the observation date, rebuilt
  from the transfers (a parcours transferred after that date is counted in the MDD it left, its `mdd_origine`);
  the milieu is the one of the person's commune; for a thematic, people with at least one prescription to an
  action of that thematic;
- actions in scope: by thematic; geographic filters keep the actions serving the territory (a territory of the
  action, or a site in the MDD / of that milieu);
- prescriptions in scope: action in scope and parcours in scope.

Only the few parcours transferred after the observation date need the history: every query reads the current
MDD for the others, and a second, small set (one index range on the transfers) for those.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from evaluation.indicateurs.base import Filtres
from parcours.models import ChangementReferent, Parcours, Prescription, Transfert
from partenaires.models import Action


def transferts_apres(date: datetime.date) -> QuerySet:
    return Transfert.objects.filter(date__gt=date)


def premiers_transferts_apres(date: datetime.date) -> QuerySet:
    """For each parcours moved after `date`, its first move: its origin is the MDD it had on `date`."""
    plus_tot = Transfert.objects.filter(parcours=OuterRef("parcours"), date__gt=date).filter(
        Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), pk__lt=OuterRef("pk"))
    )
    return transferts_apres(date).filter(~Exists(plus_tot))


def mdd_le(date: datetime.date, parcours: str = "pk") -> Subquery:
    """The MDD of the parcours (OuterRef `parcours`) on `date`, for parcours transferred after it (else NULL)."""
    return Subquery(
        transferts_apres(date).filter(parcours=OuterRef(parcours)).order_by("date", "pk").values("mdd_origine")[:1]
    )


def _filtre_mdd(date: datetime.date, **critere) -> Q:
    """Parcours whose MDD on `date` matches `critere` (an MDD, or an MDD's territory)."""
    deplaces = transferts_apres(date).values("parcours")
    origine = {f"mdd_origine{cle.removeprefix('mdd')}": valeur for cle, valeur in critere.items()}
    partis = premiers_transferts_apres(date).filter(**origine).values("parcours")
    return (Q(**critere) & ~Q(pk__in=deplaces)) | Q(pk__in=partis)


def parcours_du_perimetre(filtres: Filtres, date: datetime.date | None = None) -> QuerySet:
    """The parcours of the filters, their MDD and territory taken on `date` (today's when no date is given)."""
    qs = Parcours.objects.all()
    if filtres.mdd:
        qs = qs.filter(_filtre_mdd(date, mdd_id=filtres.mdd) if date else Q(mdd_id=filtres.mdd))
    if filtres.territoire:
        critere = {"mdd__territoire_id": filtres.territoire}
        qs = qs.filter(_filtre_mdd(date, **critere) if date else Q(**critere))
    if filtres.milieu:
        qs = qs.filter(beneficiaire__commune__milieu=filtres.milieu)
    if filtres.thematique:
        qs = qs.filter(
            Exists(Prescription.objects.filter(parcours=OuterRef("pk"), action__thematique_id=filtres.thematique))
        )
    return qs


def actions_du_perimetre(filtres: Filtres) -> QuerySet:
    qs = Action.objects.all()
    territoires = Action.territoires.through.objects.filter(action=OuterRef("pk"))
    sites = Action.sites.through.objects.filter(action=OuterRef("pk"))
    if filtres.thematique:
        qs = qs.filter(thematique_id=filtres.thematique)
    if filtres.mdd:
        qs = qs.filter(
            Exists(territoires.filter(territoire__mdds=filtres.mdd)) | Exists(sites.filter(site__mdd_id=filtres.mdd))
        )
    if filtres.territoire:
        qs = qs.filter(
            Exists(territoires.filter(territoire_id=filtres.territoire))
            | Exists(sites.filter(site__mdd__territoire_id=filtres.territoire))
        )
    if filtres.milieu:
        qs = qs.filter(Exists(sites.filter(site__milieu=filtres.milieu)))
    return qs


def prescriptions_du_perimetre(filtres: Filtres, date: datetime.date | None = None) -> QuerySet:
    if filtres.est_vide():
        # Every action: no `action_id IN (SELECT id FROM action)` semi-join, which PostgreSQL runs as one
        # index probe per action.
        return Prescription.objects.all()
    return Prescription.objects.filter(
        action__in=actions_du_perimetre(filtres), parcours__in=parcours_du_perimetre(filtres, date)
    )


def des_parcours(qs: QuerySet, parcours: QuerySet) -> QuerySet:
    """Events of the parcours in scope; no `IN (SELECT id FROM parcours)` semi-join when the scope is everything."""
    if not parcours.query.where:
        return qs
    return qs.filter(parcours__in=parcours)


def ouvert_le(date: datetime.date, prefixe: str = "") -> Q:
    return Q(**{f"{prefixe}date_entree__lte": date}) & (
        Q(**{f"{prefixe}date_sortie__isnull": True}) | Q(**{f"{prefixe}date_sortie__gt": date})
    )


# --- The référent unique on a date ------------------------------------------------------------------------------


def _changements_referent_apres(date: datetime.date) -> QuerySet:
    return ChangementReferent.objects.filter(date__gt=date)


def referent_inchange_depuis(date: datetime.date) -> Q:
    """Parcours with no change of référent and no transfer (which ends the référent) after `date`."""
    return ~Q(pk__in=_changements_referent_apres(date).values("parcours")) & ~Q(
        pk__in=transferts_apres(date).values("parcours")
    )


def avec_referent_le(date: datetime.date) -> Q:
    """Parcours that had a référent on `date`, for those whose référent changed after it (hashed subqueries).

    The référent on `date` is the one before the first later event: the `ancien` of the first change of référent,
    or the `referent_avant` of the first transfer, whichever came first (the change first on the same day).
    """
    changements = _changements_referent_apres(date)
    transferts = transferts_apres(date)
    premier_changement = changements.filter(
        ~Exists(
            changements.filter(parcours=OuterRef("parcours")).filter(
                Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), created_at__lt=OuterRef("created_at"))
            )
        ),
        ~Exists(transferts.filter(parcours=OuterRef("parcours"), date__lt=OuterRef("date"))),
    )
    premier_transfert = premiers_transferts_apres(date).filter(
        ~Exists(changements.filter(parcours=OuterRef("parcours"), date__lte=OuterRef("date")))
    )
    return Q(pk__in=premier_changement.filter(ancien__isnull=False).values("parcours")) | Q(
        pk__in=premier_transfert.filter(referent_avant__isnull=False).values("parcours")
    )
