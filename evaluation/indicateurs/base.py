"""What every part of the indicator engine shares: the period's bounds, the filters, an indicator, rounding, medians.

One code path for SQLite and PostgreSQL. A figure that cannot be computed (no data) is None, shown as
«non disponible», never 0. Delays are in days; medians are true medians (count, then the middle one or two
values fetched with ORDER BY + OFFSET; percentile_cont in the same query on PostgreSQL).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, QuerySet, Sum

from pacte.referentiel import DELAI_ORIENTATION_PAR_DEFAUT

# The engine shifts the period (a day after its end, a year before for the comparison) and turns days into
# local datetimes: years 1 and 9999 overflow. Every entry point (dashboard, exports, API) validates with this.
PREMIER_JOUR_CALCULABLE = datetime.date(1900, 1, 1)
DERNIER_JOUR_CALCULABLE = datetime.date(2099, 12, 31)

UN_DIXIEME = Decimal("0.1")
UN_CENTIME = Decimal("0.01")
# The default only: the engine reads the pact's target (pacte.referentiel.delai_orientation_jours).
DELAI_ORIENTATION_CIBLE = DELAI_ORIENTATION_PAR_DEFAUT
DELAI_FREIN_A_L_ENTREE = 90

GROUPES = [
    "Stock et flux",
    "Orientation",
    "Accompagnement",
    "Actions",
    "Freins périphériques",
    "Invitations et convocations",
    "Droits et devoirs",
]


def valider_jour_de_periode(jour: datetime.date):
    if not PREMIER_JOUR_CALCULABLE <= jour <= DERNIER_JOUR_CALCULABLE:
        raise ValidationError(
            f"Indiquez une date entre le {PREMIER_JOUR_CALCULABLE:%d/%m/%Y} et le {DERNIER_JOUR_CALCULABLE:%d/%m/%Y}.",
            code="hors_periode_calculable",
        )


@dataclass(frozen=True)
class Filtres:
    thematique: int | None = None
    mdd: int | None = None
    territoire: int | None = None
    milieu: str | None = None

    def est_vide(self) -> bool:
        return not (self.thematique or self.mdd or self.territoire or self.milieu)

    def est_geographique(self) -> bool:
        return bool(self.mdd or self.territoire or self.milieu)


@dataclass(frozen=True)
class Indicateur:
    code: str
    libelle: str
    valeur: int | Decimal | None
    unite: str
    groupe: str = field(default="", compare=False)
    # A rate above 100 % (an action over its places) is shown and flagged, never capped or hidden.
    alerte: str = field(default="", compare=False)

    @property
    def disponible(self) -> bool:
        return self.valeur is not None

    def en_json(self) -> dict:
        valeur = self.valeur
        if isinstance(valeur, Decimal):
            valeur = str(valeur)
        donnees = {"libelle": self.libelle, "valeur": valeur, "unite": self.unite, "groupe": self.groupe}
        if self.alerte:
            donnees["alerte"] = self.alerte
        return donnees


def valeur_depuis_json(valeur):
    if isinstance(valeur, str):
        return Decimal(valeur)
    return valeur


# Rounding shared with the tests: a percentage and a delay to one decimal, euros to the cent.
def pourcentage(numerateur, denominateur) -> Decimal | None:
    if not denominateur:
        return None
    return (Decimal(numerateur) * 100 / Decimal(denominateur)).quantize(UN_DIXIEME, ROUND_HALF_UP)


def moyenne(total, nombre) -> Decimal | None:
    if not nombre:
        return None
    return (Decimal(total) / Decimal(nombre)).quantize(UN_DIXIEME, ROUND_HALF_UP)


def mediane_de(valeurs_basse, valeur_haute) -> Decimal:
    return (Decimal(valeurs_basse + valeur_haute) / 2).quantize(UN_DIXIEME, ROUND_HALF_UP)


def euros(montant) -> Decimal | None:
    if montant is None:
        return None
    return Decimal(montant).quantize(UN_CENTIME, ROUND_HALF_UP)


def jours(duree) -> int:
    """A duration between two dates as a whole number of days (SQLite and PostgreSQL give timedelta)."""
    if isinstance(duree, datetime.timedelta):
        return duree.days
    return int(duree)


def delai(fin, debut):
    return ExpressionWrapper(F(fin) - F(debut), output_field=DurationField())


# --- Medians ------------------------------------------------------------------------------------


def mediane_jours(qs: QuerySet, expression_name: str, nombre: int) -> Decimal | None:
    """True median of an annotated delay: the middle value(s) fetched with ORDER BY + OFFSET."""
    if not nombre:
        return None
    ordonne = qs.order_by(expression_name, "pk").values_list(expression_name, flat=True)
    milieu = (nombre - 1) // 2
    valeurs = [jours(v) for v in ordonne[milieu : milieu + (1 if nombre % 2 else 2)]]
    return mediane_de(valeurs[0], valeurs[-1])


class MedianeContinue(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the true median (mean of the two middle values), in one pass."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


def _mediane_sql() -> bool:
    return connection.vendor == "postgresql"


def _mediane_depuis_agregat(valeur) -> Decimal | None:
    """The percentile_cont result (a duration, possibly half a day) as days to one decimal."""
    if valeur is None:
        return None
    nombre_de_jours = Decimal(int(valeur.total_seconds())) / 86400
    return nombre_de_jours.quantize(UN_DIXIEME, ROUND_HALF_UP)


def agreger_delais(qs: QuerySet, **agregats) -> tuple[dict, Decimal | None]:
    """Aggregate a per-parcours delay queryset; the median in the same query on PostgreSQL."""
    if _mediane_sql():
        agregats["mediane"] = MedianeContinue("delai", output_field=DurationField())
    chiffres = qs.aggregate(nombre=Count("pk"), total=Sum("delai"), **agregats)
    if _mediane_sql():
        mediane = _mediane_depuis_agregat(chiffres["mediane"]) if chiffres["nombre"] else None
    else:
        mediane = mediane_jours(qs, "delai", chiffres["nombre"])
    return chiffres, mediane


def total_en_jours(chiffres: dict) -> int:
    return jours(chiffres["total"]) if chiffres["total"] is not None else 0
