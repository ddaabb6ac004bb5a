"""Breakdowns (GROUP BY) and the dashboard's series: by thematic, MDD, territory; occupancy; delays; monthly flows.

Each figure is the one of its fiche, restricted to one value of the axis; the fiche says whether the rows add up
to the total (people by MDD do; participants by thematic do not: a person in two thematics counts in each).
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, F, IntegerField, Q, Sum, When
from django.db.models.functions import TruncMonth

from evaluation.indicateurs import courriers as groupe_courriers
from evaluation.indicateurs import droits as groupe_droits
from evaluation.indicateurs.actions import (
    ALERTE_DEPASSEMENT,
    CENT,
    actions_en_cours_le,
    present_dans_la_periode,
    present_le,
)
from evaluation.indicateurs.base import Filtres, pourcentage
from evaluation.indicateurs.moteur import premieres_orientations
from evaluation.indicateurs.perimetres import (
    actions_du_perimetre,
    mdd_le,
    ouvert_le,
    parcours_du_perimetre,
    prescriptions_du_perimetre,
    transferts_apres,
)
from pacte.choices import TypeSortie
from pacte.models import MDD, Territoire, Thematique

AXES = {"thematique": "Thématique", "mdd": "Maison du département", "territoire": "Territoire"}
CHAMPS_GEOGRAPHIE = ("stock", "entrees", "sorties", "orientes")
# Groups whose figures are also broken down by MDD and territory: their counts by MDD, summed for a territory.
GROUPES_VENTILES = (groupe_courriers, groupe_droits)


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


def _comptes_par_mdd(debut, fin, filtres) -> dict[int, dict]:
    """People by MDD on the last day: today's MDD for most parcours, the MDD left for those transferred since."""
    ouvert = ouvert_le(fin)
    agregats = {
        "stock": Count("beneficiaire", distinct=True, filter=ouvert),
        "entrees": Count("beneficiaire", distinct=True, filter=Q(date_entree__range=(debut, fin))),
        "sorties": Count("beneficiaire", distinct=True, filter=Q(date_sortie__range=(debut, fin))),
        "orientes": Count("beneficiaire", distinct=True, filter=ouvert & Q(date_premiere_orientation__lte=fin)),
    }
    # The history is read only for the parcours moved since (the subquery runs for those rows only).
    deplaces = transferts_apres(fin).values("parcours")
    mdd_observee = Case(When(pk__in=deplaces, then=mdd_le(fin)), default=F("mdd_id"), output_field=IntegerField())
    lignes = (
        parcours_du_perimetre(filtres, fin)
        .annotate(mdd_observee=mdd_observee)
        .values("mdd_observee")
        .annotate(**agregats)
        .order_by()
    )
    par_mdd = {ligne.pop("mdd_observee"): ligne for ligne in lignes}
    return par_mdd


def _ventiler_geographie(debut, fin, filtres) -> dict[str, list[dict]]:
    """By MDD; a territory's counts are the sums of its MDDs' (each MDD has one territory)."""
    par_mdd = _comptes_par_mdd(debut, fin, filtres)
    mdds = MDD.objects.filter(pk__in=par_mdd).order_by("nom").values_list("pk", "nom", "territoire_id")
    lignes_mdd, par_territoire = [], {}
    for pk, nom, territoire in mdds:
        lignes_mdd.append({"id": pk, "libelle": nom, **par_mdd[pk]})
        cumul = par_territoire.setdefault(territoire, dict.fromkeys(CHAMPS_GEOGRAPHIE, 0))
        for k in CHAMPS_GEOGRAPHIE:
            cumul[k] += par_mdd[pk][k]
    territoires = Territoire.objects.filter(pk__in=par_territoire).order_by("nom").values_list("pk", "nom")
    lignes_territoire = [{"id": pk, "libelle": nom, **par_territoire[pk]} for pk, nom in territoires]

    groupes = _groupes_par_mdd(debut, fin, filtres, {pk: territoire for pk, _, territoire in mdds})

    def finir(ligne, axe):
        orientes = ligne.pop("orientes")
        return {**ligne, "part_orientes": pourcentage(orientes, ligne["stock"]), **groupes[axe].get(ligne["id"], {})}

    return {
        "mdd": [finir(lg, "mdd") for lg in lignes_mdd],
        "territoire": [finir(lg, "territoire") for lg in lignes_territoire],
    }


def _groupes_par_mdd(debut, fin, filtres, territoire_de: dict) -> dict[str, dict]:
    """The published figures of GROUPES_VENTILES by MDD (one GROUP BY per count) and by territory (its MDDs'
    counts summed, then the same figures: a rate is the territory's numerator over its denominator)."""
    parcours = parcours_du_perimetre(filtres, fin)
    cle = groupe_courriers.cle_mdd(fin)
    resultat = {"mdd": {}, "territoire": {}}
    for groupe in GROUPES_VENTILES:
        par_mdd = groupe.comptes(debut, fin, parcours, cle)
        mdds_du: dict = {}
        for mdd, territoire in territoire_de.items():
            mdds_du.setdefault(territoire, []).append(par_mdd.get(mdd, {}))
        par_territoire = {t: groupe_courriers.additionner(comptes) for t, comptes in mdds_du.items()}
        for axe, comptes_par_cle in (("mdd", par_mdd), ("territoire", par_territoire)):
            for cle_ligne, comptes in comptes_par_cle.items():
                chiffres = groupe.figures(comptes)
                resultat[axe].setdefault(cle_ligne, {}).update({code: chiffres[code] for code in groupe.VENTILES})
    return resultat


def _ventiler_thematiques(debut, fin, filtres):
    lignes = (
        prescriptions_du_perimetre(filtres, fin)
        .values("action__thematique_id")
        .annotate(
            participants=Count("parcours__beneficiaire", distinct=True, filter=present_dans_la_periode(debut, fin)),
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
        actions_en_cours_le(actions_du_perimetre(filtres), fin)
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
    """Occupancy of each action running at a date (people present / places), one GROUP BY query."""
    filtres = filtres or Filtres()
    lignes = (
        actions_en_cours_le(actions_du_perimetre(filtres), fin)
        .annotate(occupants=Count("prescriptions", filter=present_le(fin, "prescriptions__")))
        .values("pk", "intitule", "places", "occupants")
        .order_by("-occupants", "intitule")[:limite]
    )
    resultat = []
    for ligne in lignes:
        taux = pourcentage(ligne["occupants"], ligne["places"])
        resultat.append({**ligne, "taux": taux, "alerte": ALERTE_DEPASSEMENT if taux > CENT else ""})
    return resultat


def delais_orientation_par_tranche(debut, fin, filtres: Filtres | None = None) -> list[dict]:
    """Distribution of the delay ouverture de droit → first orientation, in bands, one query."""
    filtres = filtres or Filtres()
    qs = premieres_orientations(parcours_du_perimetre(filtres, fin), debut, fin)
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
    """People entering and leaving month by month (two GROUP BY queries)."""
    parcours = parcours_du_perimetre(filtres or Filtres(), fin)

    def par_mois(champ):
        return dict(
            parcours.filter(**{f"{champ}__range": (debut, fin)})
            .annotate(mois=TruncMonth(champ))
            .values("mois")
            .annotate(n=Count("beneficiaire", distinct=True))
            .values_list("mois", "n")
            .order_by()
        )

    entrees, sorties = par_mois("date_entree"), par_mois("date_sortie")
    mois = []
    courant = debut.replace(day=1)
    while courant <= fin:
        mois.append(courant)
        courant = (courant + datetime.timedelta(days=32)).replace(day=1)
    return [{"mois": m, "entrees": entrees.get(m, 0), "sorties": sorties.get(m, 0)} for m in mois]
