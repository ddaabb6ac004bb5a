"""The indicator engine: every figure of domain.md for a period and filters, as database aggregations.

One code path for SQLite and PostgreSQL. A figure that cannot be computed (no data) is None,
shown as «non disponible», never 0. Delays are in days; medians are true medians (count, then the
middle one or two values fetched with ORDER BY + OFFSET).

Definitions (the property-based test re-computes each of them in plain Python):
- parcours in scope: filtered by MDD, territory of the MDD, milieu of the beneficiary's commune and,
  for a thematic, people with at least one prescription to an action of that thematic;
- actions in scope: by thematic; geographic filters keep the actions serving the territory
  (a territory of the action, or a site in the MDD / of that milieu);
- prescriptions in scope: action in scope and parcours in scope.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth

from pacte.choices import TypeSortie
from pacte.models import Territoire, Thematique
from parcours.calendrier import debut_du_jour
from parcours.choices import CategorieFrein, EtatPrescription, Presence, TypeOrientation
from parcours.models import ContratEngagement, Frein, Orientation, Parcours, Prescription, RendezVous, Sortie
from partenaires.models import Action, Financement, Versement

# The engine shifts the period (a day after its end, a year before for the comparison) and turns days into
# local datetimes: years 1 and 9999 overflow. Every entry point (dashboard, exports, API) validates with this.
PREMIER_JOUR_CALCULABLE = datetime.date(1900, 1, 1)
DERNIER_JOUR_CALCULABLE = datetime.date(2099, 12, 31)


def valider_jour_de_periode(jour: datetime.date):
    if not PREMIER_JOUR_CALCULABLE <= jour <= DERNIER_JOUR_CALCULABLE:
        raise ValidationError(
            f"Indiquez une date entre le {PREMIER_JOUR_CALCULABLE:%d/%m/%Y} et le {DERNIER_JOUR_CALCULABLE:%d/%m/%Y}.",
            code="hors_periode_calculable",
        )


UN_DIXIEME = Decimal("0.1")
UN_CENTIME = Decimal("0.01")
DELAI_ORIENTATION_CIBLE = 30
DELAI_FREIN_A_L_ENTREE = 90

GROUPES = ["Stock et flux", "Orientation", "Accompagnement", "Actions", "Freins périphériques"]


@dataclass(frozen=True)
class Filtres:
    thematique: int | None = None
    mdd: int | None = None
    territoire: int | None = None
    milieu: str | None = None

    def est_vide(self) -> bool:
        return not (self.thematique or self.mdd or self.territoire or self.milieu)


@dataclass(frozen=True)
class Indicateur:
    code: str
    libelle: str
    valeur: int | Decimal | None
    unite: str
    groupe: str = field(default="", compare=False)

    @property
    def disponible(self) -> bool:
        return self.valeur is not None

    def en_json(self) -> dict:
        valeur = self.valeur
        if isinstance(valeur, Decimal):
            valeur = str(valeur)
        return {"libelle": self.libelle, "valeur": valeur, "unite": self.unite, "groupe": self.groupe}


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


def _jours(duree) -> int:
    """A duration between two dates as a whole number of days (SQLite and PostgreSQL give timedelta)."""
    if isinstance(duree, datetime.timedelta):
        return duree.days
    return int(duree)


def _delai(fin, debut):
    return ExpressionWrapper(F(fin) - F(debut), output_field=DurationField())


# --- Scopes ---------------------------------------------------------------------------------------


def parcours_du_perimetre(filtres: Filtres) -> QuerySet:
    qs = Parcours.objects.all()
    if filtres.mdd:
        qs = qs.filter(mdd_id=filtres.mdd)
    if filtres.territoire:
        qs = qs.filter(mdd__territoire_id=filtres.territoire)
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


def prescriptions_du_perimetre(filtres: Filtres) -> QuerySet:
    if filtres.est_vide():
        # Every action: no `action_id IN (SELECT id FROM action)` semi-join, which PostgreSQL runs as one
        # index probe per action.
        return Prescription.objects.all()
    return Prescription.objects.filter(
        action__in=actions_du_perimetre(filtres), parcours__in=parcours_du_perimetre(filtres)
    )


def _des_parcours(qs: QuerySet, parcours: QuerySet) -> QuerySet:
    """Events of the parcours in scope; no `IN (SELECT id FROM parcours)` semi-join when the scope is everything."""
    if not parcours.query.where:
        return qs
    return qs.filter(parcours__in=parcours)


def _ouverts_le(qs: QuerySet, date: datetime.date) -> QuerySet:
    return qs.filter(Q(date_sortie__isnull=True) | Q(date_sortie__gt=date), date_entree__lte=date)


# --- Medians ------------------------------------------------------------------------------------


def mediane_jours(qs: QuerySet, expression_name: str, nombre: int) -> Decimal | None:
    """True median of an annotated delay: the middle value(s) fetched with ORDER BY + OFFSET."""
    if not nombre:
        return None
    ordonne = qs.order_by(expression_name, "pk").values_list(expression_name, flat=True)
    milieu = (nombre - 1) // 2
    valeurs = [_jours(v) for v in ordonne[milieu : milieu + (1 if nombre % 2 else 2)]]
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
    jours = Decimal(int(valeur.total_seconds())) / 86400
    return jours.quantize(UN_DIXIEME, ROUND_HALF_UP)


def _agreger_delais(qs: QuerySet, **agregats) -> tuple[dict, Decimal | None]:
    """Aggregate a per-parcours delay queryset; the median in the same query on PostgreSQL."""
    if _mediane_sql():
        agregats["mediane"] = MedianeContinue("delai", output_field=DurationField())
    chiffres = qs.aggregate(nombre=Count("pk"), total=Sum("delai"), **agregats)
    if _mediane_sql():
        mediane = _mediane_depuis_agregat(chiffres["mediane"]) if chiffres["nombre"] else None
    else:
        mediane = mediane_jours(qs, "delai", chiffres["nombre"])
    return chiffres, mediane


def premieres_orientations(parcours: QuerySet, debut, fin) -> QuerySet:
    """Parcours whose first orientation falls in the period, with the delay since the ouverture de droit.

    The first orientation's date is a fact kept on the parcours (parcours.faits): an index range, not a
    GROUP BY over the orientations.
    """
    return (
        parcours.order_by()
        .filter(date_premiere_orientation__range=(debut, fin))
        .annotate(delai=_delai("date_premiere_orientation", "date_ouverture_droit"))
    )


# --- The engine -----------------------------------------------------------------------------------


class _Collecteur:
    def __init__(self):
        self.indicateurs: dict[str, Indicateur] = {}
        self.parcours: dict = {}

    def ajouter(self, groupe, code, libelle, valeur, unite):
        self.indicateurs[code] = Indicateur(code=code, libelle=libelle, valeur=valeur, unite=unite, groupe=groupe)


def calculer_indicateurs(
    debut: datetime.date, fin: datetime.date, filtres: Filtres | None = None
) -> dict[str, Indicateur]:
    if debut > fin:
        raise ValueError("Le début de la période doit précéder sa fin.")
    filtres = filtres or Filtres()
    c = _Collecteur()
    parcours = parcours_du_perimetre(filtres)
    _stock_et_flux(c, parcours, debut, fin)
    _orientation(c, parcours, debut, fin)
    _accompagnement(c, parcours, debut, fin)
    _actions(c, filtres, debut, fin)
    _freins(c, parcours, debut, fin)
    return c.indicateurs


def _stock_et_flux(c, parcours, debut, fin):
    g = "Stock et flux"
    # One pass over the parcours for every count on them (stock, flows, and the shares of the open
    # parcours used by the orientation and accompagnement groups).
    ouvert = Q(date_entree__lte=fin) & (Q(date_sortie__isnull=True) | Q(date_sortie__gt=fin))
    chiffres = parcours.aggregate(
        stock=Count("pk", filter=ouvert),
        entrees=Count("pk", filter=Q(date_entree__range=(debut, fin))),
        sorties=Count("pk", filter=Q(date_sortie__range=(debut, fin))),
        referent=Count("pk", filter=ouvert & Q(referent__isnull=False)),
        orientes=Count(
            "pk",
            filter=ouvert & Q(date_premiere_orientation__lte=fin),
        ),
    )
    c.parcours = chiffres
    c.ajouter(
        g,
        "stock_parcours_ouverts",
        "Bénéficiaires en parcours ouvert à la fin de la période",
        chiffres["stock"],
        "personnes",
    )
    c.ajouter(g, "entrees", "Entrées dans le dispositif", chiffres["entrees"], "personnes")
    c.ajouter(g, "sorties", "Sorties du dispositif", chiffres["sorties"], "personnes")
    par_type = _des_parcours(Sortie.objects.filter(date__range=(debut, fin)), parcours).aggregate(
        **{t.value: Count("pk", filter=Q(type=t.value)) for t in TypeSortie}
    )
    for t in TypeSortie:
        c.ajouter(
            g, f"sorties_dispositif_{t.value}", f"Sorties du dispositif : {t.label}", par_type[t.value], "personnes"
        )


def _orientation(c, parcours, debut, fin):
    g = "Orientation"
    c.ajouter(
        g,
        "part_orientes",
        "Part des bénéficiaires en parcours ouvert qui sont orientés",
        pourcentage(c.parcours["orientes"], c.parcours["stock"]),
        "%",
    )

    premieres = premieres_orientations(parcours, debut, fin)
    chiffres, mediane = _agreger_delais(
        premieres, sous_30=Count("pk", filter=Q(delai__lte=datetime.timedelta(days=DELAI_ORIENTATION_CIBLE)))
    )
    nombre = chiffres["nombre"]
    total = _jours(chiffres["total"]) if chiffres["total"] is not None else 0
    c.ajouter(
        g,
        "delai_orientation_moyen",
        "Délai moyen de l'ouverture de droit à l'orientation",
        moyenne(total, nombre),
        "jours",
    )
    c.ajouter(
        g,
        "delai_orientation_median",
        "Délai médian de l'ouverture de droit à l'orientation",
        mediane,
        "jours",
    )
    c.ajouter(
        g,
        "part_orientes_30_jours",
        f"Part des orientations décidées en {DELAI_ORIENTATION_CIBLE} jours au plus",
        pourcentage(chiffres["sous_30"], nombre),
        "%",
    )

    decisions = _des_parcours(Orientation.objects.filter(date_decision__range=(debut, fin)), parcours)
    anterieure = Orientation.objects.filter(parcours=OuterRef("parcours")).filter(
        Q(date_decision__lt=OuterRef("date_decision"))
        | Q(date_decision=OuterRef("date_decision"), pk__lt=OuterRef("pk"))
    )
    par_type = decisions.aggregate(
        **{t.value: Count("parcours", distinct=True, filter=Q(type=t.value)) for t in TypeOrientation},
        reorientations=Count("parcours", distinct=True, filter=Q(Exists(anterieure))),
    )
    for t in TypeOrientation:
        c.ajouter(
            g, f"orientations_{t.value}", f"Orientations {t.label.lower()}s décidées", par_type[t.value], "personnes"
        )
    c.ajouter(g, "reorientations", "Réorientations décidées", par_type["reorientations"], "personnes")


def _accompagnement(c, parcours, debut, fin):
    g = "Accompagnement"
    # Contracts in force at the end, counted from the contracts' side (few rows) rather than one
    # EXISTS probe per open parcours.
    en_vigueur = _des_parcours(
        ContratEngagement.objects.filter(
            Q(date_resiliation__isnull=True) | Q(date_resiliation__gt=fin),
            Q(parcours__date_sortie__isnull=True) | Q(parcours__date_sortie__gt=fin),
            parcours__date_entree__lte=fin,
            date_signature__lte=fin,
            date_debut__lte=fin,
            date_fin__gte=fin,
        ),
        parcours,
    )
    chiffres = {
        "total": c.parcours["stock"],
        "referent": c.parcours["referent"],
        "contrat": en_vigueur.aggregate(n=Count("parcours", distinct=True))["n"],
    }
    c.ajouter(
        g,
        "part_referent_unique",
        "Part des bénéficiaires en parcours ouvert ayant un référent unique",
        pourcentage(chiffres["referent"], chiffres["total"]),
        "%",
    )
    c.ajouter(
        g,
        "part_contrat_en_vigueur",
        "Part des bénéficiaires en parcours ouvert ayant un contrat d'engagement en vigueur",
        pourcentage(chiffres["contrat"], chiffres["total"]),
        "%",
    )

    # First contract and first orientation: facts kept on the parcours (parcours.faits), read through
    # the index on the first contract's date.
    contrats = (
        parcours.order_by()
        .filter(
            date_premier_contrat__range=(debut, fin),
            date_premiere_orientation__lte=F("date_premier_contrat"),
        )
        .annotate(delai=_delai("date_premier_contrat", "date_premiere_orientation"))
    )
    chiffres, mediane = _agreger_delais(contrats)
    nombre = chiffres["nombre"]
    total = _jours(chiffres["total"]) if chiffres["total"] is not None else 0
    c.ajouter(
        g,
        "delai_contrat_moyen",
        "Délai moyen de l'orientation au premier contrat d'engagement signé",
        moyenne(total, nombre),
        "jours",
    )
    c.ajouter(
        g,
        "delai_contrat_median",
        "Délai médian de l'orientation au premier contrat d'engagement signé",
        mediane,
        "jours",
    )

    # A datetime range in the local time zone (not date__date, which SQLite evaluates row by row).
    rdv = _des_parcours(
        RendezVous.objects.filter(
            date__gte=debut_du_jour(debut),
            date__lt=debut_du_jour(fin + datetime.timedelta(days=1)),
        ),
        parcours,
    ).aggregate(
        tenus=Count("pk", filter=~Q(presence=Presence.PREVU)),
        presents=Count("pk", filter=Q(presence=Presence.PRESENT)),
    )
    c.ajouter(
        g, "taux_presence_rdv", "Taux de présence aux rendez-vous", pourcentage(rdv["presents"], rdv["tenus"]), "%"
    )


def _actions(c, filtres, debut, fin):
    g = "Actions"
    actions = actions_du_perimetre(filtres)
    prescriptions = prescriptions_du_perimetre(filtres)
    presents = Q(date_entree__isnull=False, date_entree__lte=fin) & (
        Q(date_sortie__isnull=True) | Q(date_sortie__gte=debut)
    )
    chiffres = prescriptions.aggregate(
        participants=Count("parcours", distinct=True, filter=presents),
        **{
            f"etat_{e.value}": Count("pk", filter=Q(etat=e.value, date_proposition__range=(debut, fin)))
            for e in EtatPrescription
        },
        **{
            f"sortie_{t.value}": Count("pk", filter=Q(type_sortie=t.value, date_sortie__range=(debut, fin)))
            for t in TypeSortie
        },
    )
    participants = chiffres["participants"]
    c.ajouter(g, "participants", "Participants aux actions", participants, "personnes")

    occupants = (
        Prescription.objects.filter(action__in=actions, date_entree__isnull=False, date_entree__lte=fin)
        .filter(Q(date_sortie__isnull=True) | Q(date_sortie__gt=fin))
        .count()
    )
    places = actions.filter(date_debut__lte=fin, date_fin__gte=fin).aggregate(places=Sum("places"))["places"]
    c.ajouter(
        g,
        "taux_occupation",
        "Taux d'occupation des actions (personnes entrées sur places conventionnées)",
        pourcentage(occupants, places),
        "%",
    )
    for e in EtatPrescription:
        c.ajouter(
            g,
            f"prescriptions_{e.value}",
            f"Prescriptions de la période à l'état « {e.label.lower()} »",
            chiffres[f"etat_{e.value}"],
            "prescriptions",
        )
    total_sorties = 0
    for t in TypeSortie:
        total_sorties += chiffres[f"sortie_{t.value}"]
        c.ajouter(
            g, f"sorties_action_{t.value}", f"Sorties d'action : {t.label}", chiffres[f"sortie_{t.value}"], "personnes"
        )
    emploi = sum(chiffres[f"sortie_{t}"] for t in TypeSortie.vers_emploi())
    c.ajouter(
        g,
        "taux_sorties_emploi",
        "Taux de sorties d'action vers l'emploi (durable et de transition)",
        pourcentage(emploi, total_sorties),
        "%",
    )

    financements = Financement.objects.filter(
        Exists(actions.filter(financement=OuterRef("pk"))), date_debut__lte=fin, date_fin__gte=debut
    )
    budget = financements.aggregate(nombre=Count("pk"), conventionne=Sum("montant_conventionne"))
    if budget["nombre"]:
        verse = Versement.objects.filter(financement__in=financements, date__range=(debut, fin)).aggregate(
            total=Sum("montant")
        )["total"] or Decimal(0)
        conventionne = euros(budget["conventionne"])
        verse = euros(verse)
    else:
        conventionne = verse = None
    c.ajouter(g, "budget_conventionne", "Budget conventionné des financements en cours", conventionne, "€")
    c.ajouter(g, "budget_verse", "Montants versés dans la période", verse, "€")
    c.ajouter(
        g,
        "taux_consommation",
        "Part du budget conventionné versée dans la période",
        pourcentage(verse, conventionne) if verse is not None else None,
        "%",
    )
    cout = euros(verse / participants) if verse is not None and participants else None
    c.ajouter(g, "cout_par_participant", "Coût par participant (versé / participants)", cout, "€")


def _freins(c, parcours, debut, fin):
    g = "Freins périphériques"
    # Entrants = the «entrees» of the period (same definition); their freins in one pass over
    # freins ⋈ parcours, counting distinct parcours per category.
    a_l_entree = _des_parcours(Frein.objects.filter(parcours__date_entree__range=(debut, fin)), parcours).filter(
        date_identification__lte=F("parcours__date_entree") + datetime.timedelta(days=DELAI_FREIN_A_L_ENTREE),
    )
    chiffres = a_l_entree.aggregate(
        avec_frein=Count("parcours", distinct=True),
        **{cat.value: Count("parcours", distinct=True, filter=Q(categorie=cat.value)) for cat in CategorieFrein},
    )
    chiffres["total"] = c.indicateurs["entrees"].valeur
    c.ajouter(
        g,
        "prevalence_freins_entree",
        f"Part des entrants ayant un frein identifié dans les {DELAI_FREIN_A_L_ENTREE} jours suivant l'entrée",
        pourcentage(chiffres["avec_frein"], chiffres["total"]),
        "%",
    )
    for cat in CategorieFrein:
        c.ajouter(
            g,
            f"frein_entree_{cat.value}",
            f"Part des entrants ayant un frein « {cat.label.lower()} »",
            pourcentage(chiffres[cat.value], chiffres["total"]),
            "%",
        )
    actifs = _des_parcours(Frein.objects.filter(date_identification__lte=fin), parcours).filter(
        Q(date_levee__isnull=True) | Q(date_levee__gte=debut)
    )
    leves = actifs.aggregate(total=Count("pk"), leves=Count("pk", filter=Q(date_levee__range=(debut, fin))))
    c.ajouter(
        g,
        "part_freins_leves",
        "Part des freins actifs dans la période qui ont été levés",
        pourcentage(leves["leves"], leves["total"]),
        "%",
    )


# --- Breakdowns (GROUP BY) ------------------------------------------------------------------------

AXES = {"thematique": "Thématique", "mdd": "Maison du département", "territoire": "Territoire"}


def ventiler(debut: datetime.date, fin: datetime.date, axe: str, filtres: Filtres | None = None) -> list[dict]:
    """Key figures by thematic, MDD or territory, each axis in one GROUP BY query."""
    if axe not in AXES:
        raise ValueError(f"Axe de ventilation inconnu : {axe}")
    filtres = filtres or Filtres()
    if axe == "thematique":
        return _ventiler_thematiques(debut, fin, filtres)
    return _ventiler_geographie(debut, fin, filtres)[axe]


def ventiler_tout(debut: datetime.date, fin: datetime.date, filtres: Filtres | None = None) -> dict[str, list[dict]]:
    """The three breakdowns at once: MDD and territory come from the same GROUP BY (one pass)."""
    filtres = filtres or Filtres()
    return {"thematique": _ventiler_thematiques(debut, fin, filtres), **_ventiler_geographie(debut, fin, filtres)}


def _ventiler_geographie(debut, fin, filtres) -> dict[str, list[dict]]:
    """By MDD in one GROUP BY; a territory's counts are the sums of its MDDs' (each MDD has one territory)."""
    ouvert = Q(date_entree__lte=fin) & (Q(date_sortie__isnull=True) | Q(date_sortie__gt=fin))
    lignes = (
        parcours_du_perimetre(filtres)
        .values("mdd_id", "mdd__nom", "mdd__territoire_id")
        .annotate(
            stock=Count("pk", filter=ouvert),
            entrees=Count("pk", filter=Q(date_entree__range=(debut, fin))),
            sorties=Count("pk", filter=Q(date_sortie__range=(debut, fin))),
            orientes=Count(
                "pk",
                filter=ouvert & Q(date_premiere_orientation__lte=fin),
            ),
        )
        .order_by("mdd__nom")
    )
    champs = ("stock", "entrees", "sorties", "orientes")
    par_mdd, par_territoire = [], {}
    for ligne in lignes:
        par_mdd.append({"id": ligne["mdd_id"], "libelle": ligne["mdd__nom"], **{k: ligne[k] for k in champs}})
        cumul = par_territoire.setdefault(ligne["mdd__territoire_id"], dict.fromkeys(champs, 0))
        for k in champs:
            cumul[k] += ligne[k]
    territoires = Territoire.objects.filter(pk__in=par_territoire).order_by("nom").values_list("pk", "nom")
    par_territoire = [{"id": pk, "libelle": nom, **par_territoire[pk]} for pk, nom in territoires]

    def finir(ligne):
        orientes = ligne.pop("orientes")
        return {**ligne, "part_orientes": pourcentage(orientes, ligne["stock"])}

    return {"mdd": [finir(ligne) for ligne in par_mdd], "territoire": [finir(ligne) for ligne in par_territoire]}


def _ventiler_thematiques(debut, fin, filtres):
    prescriptions = prescriptions_du_perimetre(filtres)
    presents = Q(date_entree__isnull=False, date_entree__lte=fin) & (
        Q(date_sortie__isnull=True) | Q(date_sortie__gte=debut)
    )
    lignes = (
        prescriptions.values("action__thematique_id")
        .annotate(
            participants=Count("parcours", distinct=True, filter=presents),
            prescriptions=Count("pk", filter=Q(date_proposition__range=(debut, fin))),
            sorties=Count("pk", filter=Q(date_sortie__range=(debut, fin), type_sortie__gt="")),
            sorties_emploi=Count(
                "pk", filter=Q(date_sortie__range=(debut, fin), type_sortie__in=TypeSortie.vers_emploi())
            ),
        )
        .order_by()
    )
    par_thematique = {ligne["action__thematique_id"]: ligne for ligne in lignes}
    places = (
        actions_du_perimetre(filtres)
        .filter(date_debut__lte=fin, date_fin__gte=fin)
        .values("thematique_id")
        .annotate(places=Sum("places"))
        .order_by()
    )
    places = {ligne["thematique_id"]: ligne["places"] for ligne in places}
    thematiques = Thematique.objects.all()
    if filtres.thematique:
        thematiques = thematiques.filter(pk=filtres.thematique)
    resultat = []
    for thematique in thematiques.order_by("pacte_id", "numero"):
        ligne = par_thematique.get(thematique.pk, {})
        resultat.append(
            {
                "id": thematique.pk,
                "libelle": str(thematique),
                "participants": ligne.get("participants", 0),
                "prescriptions": ligne.get("prescriptions", 0),
                "places": places.get(thematique.pk),
                "taux_sorties_emploi": pourcentage(ligne.get("sorties_emploi", 0), ligne.get("sorties", 0)),
            }
        )
    return resultat


def occupation_par_action(fin: datetime.date, filtres: Filtres | None = None, limite: int = 15) -> list[dict]:
    """Occupancy of each action open at a date (people entered / places), one GROUP BY query."""
    filtres = filtres or Filtres()
    occupants = Q(prescriptions__date_entree__isnull=False, prescriptions__date_entree__lte=fin) & (
        Q(prescriptions__date_sortie__isnull=True) | Q(prescriptions__date_sortie__gt=fin)
    )
    lignes = (
        actions_du_perimetre(filtres)
        .filter(date_debut__lte=fin, date_fin__gte=fin, places__gt=0)
        .annotate(occupants=Count("prescriptions", filter=occupants))
        .values("pk", "intitule", "places", "occupants")
        .order_by("-occupants", "intitule")[:limite]
    )
    return [{**ligne, "taux": pourcentage(ligne["occupants"], ligne["places"])} for ligne in lignes]


def delais_orientation_par_tranche(debut, fin, filtres: Filtres | None = None) -> list[dict]:
    """Distribution of the delay ouverture de droit → first orientation, in bands, one query."""
    filtres = filtres or Filtres()
    qs = premieres_orientations(parcours_du_perimetre(filtres), debut, fin)
    tranches = [
        ("0 à 15 jours", 0, 15),
        ("16 à 30 jours", 16, 30),
        ("31 à 60 jours", 31, 60),
        ("61 à 90 jours", 61, 90),
    ]
    agregats = {}
    for i, (_, bas, haut) in enumerate(tranches):
        agregats[f"t{i}"] = Count(
            "pk",
            filter=Q(delai__gte=datetime.timedelta(days=bas)) & Q(delai__lte=datetime.timedelta(days=haut)),
        )
    agregats["plus"] = Count("pk", filter=Q(delai__gt=datetime.timedelta(days=90)))
    chiffres = qs.aggregate(**agregats)
    lignes = [{"libelle": libelle, "valeur": chiffres[f"t{i}"]} for i, (libelle, _, _) in enumerate(tranches)]
    lignes.append({"libelle": "Plus de 90 jours", "valeur": chiffres["plus"]})
    return lignes


def flux_mensuels(debut, fin, filtres: Filtres | None = None) -> list[dict]:
    """Entries and exits month by month (two GROUP BY queries)."""
    parcours = parcours_du_perimetre(filtres or Filtres())
    entrees = dict(
        parcours.filter(date_entree__range=(debut, fin))
        .annotate(mois=TruncMonth("date_entree"))
        .values("mois")
        .annotate(n=Count("pk"))
        .values_list("mois", "n")
        .order_by()
    )
    sorties = dict(
        parcours.filter(date_sortie__range=(debut, fin))
        .annotate(mois=TruncMonth("date_sortie"))
        .values("mois")
        .annotate(n=Count("pk"))
        .values_list("mois", "n")
        .order_by()
    )
    mois = []
    courant = debut.replace(day=1)
    while courant <= fin:
        mois.append(courant)
        courant = (courant + datetime.timedelta(days=32)).replace(day=1)
    return [{"mois": m, "entrees": entrees.get(m, 0), "sorties": sorties.get(m, 0)} for m in mois]
