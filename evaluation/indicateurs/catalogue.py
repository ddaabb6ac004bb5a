"""The catalogue of indicators: for each code, its label, unit, group and its fiche (the written definition).

The engine takes every label and unit from here (it cannot add a figure that has no fiche), the pages link each
figure to its fiche, the bilan and COPIL PDFs print the fiches in an annex and the API serves them. A label
therefore cannot drift from its computation: both are read from the same line. The texts are the definitions
the tests are written from (tests/evaluation/test_regles_*.py).
"""

from __future__ import annotations

from dataclasses import asdict

from evaluation.indicateurs.base import DELAI_FREIN_A_L_ENTREE, DELAI_ORIENTATION_CIBLE
from evaluation.indicateurs.fiches_actions import fiches_actions
from evaluation.indicateurs.fiches_courriers import fiches_courriers
from evaluation.indicateurs.fiches_droits import fiches_droits
from evaluation.indicateurs.textes import (
    GEOGRAPHIE,
    PERIODE,
    PERSONNE_UNE_FOIS,
    Fiche,
)
from pacte.choices import TypeSortie
from parcours.choices import CategorieFrein, TypeOrientation

__all__ = ["CATALOGUE", "Fiche", "fiche", "fiches", "fiches_en_json"]

SF, OR, AC, FR = "Stock et flux", "Orientation", "Accompagnement", "Freins périphériques"
STOCK = (
    "Personnes dont un parcours est ouvert le dernier jour de la période (entrée au plus tard ce jour, "
    "sans sortie ou sortie après ce jour)."
)


def _stock_et_flux() -> list[Fiche]:
    liste = [
        Fiche(
            "stock_parcours_ouverts",
            "Bénéficiaires en parcours ouvert à la fin de la période",
            SF,
            "personnes",
            population=STOCK,
            numerateur="Nombre de personnes distinctes.",
            observation="Dernier jour de la période.",
            exclusions="Parcours entrés après la fin de la période ou sortis au plus tard ce jour.",
            limites=PERSONNE_UNE_FOIS + " " + GEOGRAPHIE,
            ventilation="Les ventilations par MDD et par territoire s'additionnent au total.",
        ),
        Fiche(
            "entrees",
            "Personnes entrées dans le dispositif",
            SF,
            "personnes",
            population="Personnes dont un parcours a sa date d'entrée dans la période.",
            numerateur="Nombre de personnes distinctes.",
            observation=PERIODE,
            limites=PERSONNE_UNE_FOIS + " " + GEOGRAPHIE,
            ventilation="Les ventilations par MDD et par territoire s'additionnent au total.",
        ),
        Fiche(
            "sorties",
            "Personnes sorties du dispositif",
            SF,
            "personnes",
            population="Personnes dont un parcours a sa date de sortie dans la période.",
            numerateur="Nombre de personnes distinctes.",
            observation=PERIODE,
            limites=PERSONNE_UNE_FOIS + " " + GEOGRAPHIE,
            ventilation="Les ventilations par MDD et par territoire s'additionnent au total.",
        ),
    ]
    for t in TypeSortie:
        liste.append(
            Fiche(
                f"sorties_dispositif_{t.value}",
                f"Sorties du dispositif : {t.label}",
                SF,
                "personnes",
                population=f"Personnes dont la sortie du dispositif, datée dans la période, a le motif « {t.label} ».",
                numerateur="Nombre de personnes distinctes.",
                observation="Date de la sortie, dans la période.",
                limites="Une personne sortie deux fois dans la période pour deux motifs compte dans chacun.",
            )
        )
    return liste


def _orientation() -> list[Fiche]:
    delai = {
        "population": "Parcours dont la première orientation est décidée dans la période.",
        "denominateur": "Nombre de ces parcours.",
        "observation": "Date de la première décision d'orientation, dans la période.",
        "exclusions": "Les réorientations (seule la première décision du parcours compte).",
        "limites": "Unité : le parcours (une personne orientée dans deux parcours compte deux délais).",
    }
    return [
        Fiche(
            "part_orientes",
            "Part des bénéficiaires en parcours ouvert qui sont orientés",
            OR,
            "%",
            population=STOCK,
            numerateur="Personnes dont le parcours ouvert a une orientation décidée au plus tard ce jour.",
            denominateur="Personnes en parcours ouvert à la fin de la période.",
            observation="Dernier jour de la période.",
            limites=GEOGRAPHIE,
        ),
        Fiche(
            "delai_orientation_moyen",
            "Délai moyen de l'ouverture de droit à l'orientation",
            OR,
            "jours",
            numerateur="Somme des jours entre l'ouverture de droit et la première orientation.",
            **delai,
        ),
        Fiche(
            "delai_orientation_median",
            "Délai médian de l'ouverture de droit à l'orientation",
            OR,
            "jours",
            numerateur="Valeur du milieu des délais rangés (moyenne des deux du milieu en nombre pair).",
            **delai,
        ),
        Fiche(
            "part_orientes_30_jours",
            "Part des orientations décidées dans le délai cible du pacte",
            OR,
            "%",
            numerateur=(
                "Parcours orientés au plus tard au terme du délai cible après l'ouverture de droit. Le délai cible "
                f"est celui du référentiel (delai_orientation_jours : {DELAI_ORIENTATION_CIBLE} jours par défaut, 15 "
                "avec la réforme France Travail), lu au moment du calcul."
            ),
            **delai,
        ),
    ]


def _decisions_d_orientation() -> list[Fiche]:
    liste = []
    for t in TypeOrientation:
        liste.append(
            Fiche(
                f"orientations_{t.value}",
                f"Décisions d'orientation {t.label.lower()}",
                OR,
                "décisions",
                population=f"Décisions d'orientation de type « {t.label.lower()} » datées dans la période.",
                numerateur="Nombre de décisions (premières orientations et réorientations).",
                observation="Date de la décision, dans la période.",
                limites="Unité : la décision ; une personne réorientée deux fois compte deux décisions. "
                "L'export en données ouvertes compte les mêmes décisions.",
                ventilation="La ventilation par MDD de l'export s'additionne au total.",
            )
        )
    liste.append(
        Fiche(
            "reorientations",
            "Décisions de réorientation",
            OR,
            "décisions",
            population="Décisions d'orientation datées dans la période qui ne sont pas la première du parcours.",
            numerateur="Nombre de décisions.",
            observation="Date de la décision, dans la période.",
            limites="Unité : la décision.",
        )
    )
    return liste


DELAI_CONTRAT = {
    "population": "Parcours dont le premier contrat d'engagement signé l'est dans la période, orientés avant.",
    "denominateur": "Nombre de ces parcours.",
    "observation": "Date de signature du premier contrat, dans la période.",
    "exclusions": "Contrats à l'état brouillon ; parcours sans orientation antérieure à la signature.",
    "limites": "Unité : le parcours.",
}


def _accompagnement() -> list[Fiche]:
    return [
        Fiche(
            "part_referent_unique",
            "Part des bénéficiaires en parcours ouvert ayant un référent unique",
            AC,
            "%",
            population=STOCK,
            numerateur="Personnes dont le parcours a un référent unique à cette date, reconstitué depuis "
            "l'historique des changements de référent et des transferts.",
            denominateur="Personnes en parcours ouvert à la fin de la période.",
            observation="Dernier jour de la période.",
            limites="Un changement de référent ou un transfert postérieur à la période ne change pas ce chiffre.",
        ),
        Fiche(
            "part_contrat_en_vigueur",
            "Part des bénéficiaires en parcours ouvert ayant un contrat d'engagement en vigueur",
            AC,
            "%",
            population=STOCK,
            numerateur="Personnes dont le parcours ouvert a un contrat signé (signé, échu ou résilié depuis), "
            "signé au plus tard ce jour, couvrant ce jour et non résilié à cette date.",
            denominateur="Personnes en parcours ouvert à la fin de la période.",
            observation="Dernier jour de la période.",
            exclusions="Contrats à l'état brouillon, même s'ils portent une date de signature.",
        ),
        Fiche(
            "delai_contrat_moyen",
            "Délai moyen de l'orientation au premier contrat d'engagement signé",
            AC,
            "jours",
            numerateur="Somme des jours entre la première orientation et la signature du premier contrat.",
            **DELAI_CONTRAT,
        ),
        Fiche(
            "delai_contrat_median",
            "Délai médian de l'orientation au premier contrat d'engagement signé",
            AC,
            "jours",
            numerateur="Valeur du milieu des délais rangés.",
            **DELAI_CONTRAT,
        ),
        Fiche(
            "taux_presence_rdv",
            "Taux de présence aux rendez-vous",
            AC,
            "%",
            population="Rendez-vous datés dans la période (jours en heure de Paris) dont la présence est notée.",
            numerateur="Rendez-vous où la personne était présente.",
            denominateur="Rendez-vous tenus (présent, absent excusé, absent non excusé).",
            observation=PERIODE,
            exclusions="Rendez-vous encore « prévus ».",
            limites="Unité : le rendez-vous.",
        ),
    ]


def _freins() -> list[Fiche]:
    a_l_entree = (
        f"un frein non levé avant l'entrée et identifié au plus tard {DELAI_FREIN_A_L_ENTREE} jours après l'entrée"
    )
    commun = {
        "denominateur": "Personnes entrées dans le dispositif dans la période.",
        "observation": "Date d'entrée, dans la période.",
        "exclusions": "Un frein levé avant la date d'entrée n'est pas un frein à l'entrée.",
    }
    liste = [
        Fiche(
            "prevalence_freins_entree",
            f"Part des entrants ayant un frein identifié dans les {DELAI_FREIN_A_L_ENTREE} jours suivant l'entrée",
            FR,
            "%",
            population="Personnes entrées dans le dispositif dans la période.",
            numerateur=f"Entrants dont le parcours a {a_l_entree}.",
            **commun,
        )
    ]
    for cat in CategorieFrein:
        liste.append(
            Fiche(
                f"frein_entree_{cat.value}",
                f"Part des entrants ayant un frein « {cat.label.lower()} »",
                FR,
                "%",
                population="Personnes entrées dans le dispositif dans la période.",
                numerateur=f"Entrants dont le parcours a, dans la catégorie « {cat.label.lower()} », {a_l_entree}.",
                limites="Une personne peut avoir des freins de plusieurs catégories : les parts ne s'additionnent pas.",
                **commun,
            )
        )
    liste.append(
        Fiche(
            "part_freins_leves",
            "Part des freins actifs dans la période qui ont été levés",
            FR,
            "%",
            population="Freins identifiés au plus tard le dernier jour et non levés avant le premier jour.",
            numerateur="Freins levés dans la période.",
            denominateur="Freins actifs dans la période.",
            observation=PERIODE,
            limites="Unité : le frein (une personne peut en avoir plusieurs).",
        )
    )
    return liste


CATALOGUE: dict[str, Fiche] = {
    f.code: f
    for f in [
        *_stock_et_flux(),
        *_orientation(),
        *_decisions_d_orientation(),
        *_accompagnement(),
        *fiches_actions(),
        *_freins(),
        *fiches_courriers(),
        *fiches_droits(),
    ]
}


def fiche(code: str) -> Fiche:
    return CATALOGUE[code]


def fiches(codes=None) -> list[Fiche]:
    """The fiches of these codes (every one by default), in the catalogue's order."""
    if codes is None:
        return list(CATALOGUE.values())
    voulus = set(codes)
    return [f for code, f in CATALOGUE.items() if code in voulus]


def fiches_en_json() -> list[dict]:
    return [asdict(f) for f in CATALOGUE.values()]
