"""The indicator engine and its catalogue. Its modules, each with one job:

- `catalogue` (+ `textes`, `fiches_actions`, `fiches_courriers`, `fiches_droits`): the fiche of every indicator,
  read by the engine, pages, PDFs, API;
- `base`: period bounds, filters, the Indicateur value, rounding, medians;
- `perimetres`: what is in scope as at the observation date (MDD, territory, référent from their history);
- `moteur`, `actions`, `courriers`, `droits`: the figures (the last two from the counts of courriers.indicateurs
  and droits.chiffres, over the perimeter given); `ventilations`: breakdowns and the dashboard's series.
"""

from evaluation.indicateurs.base import (
    DELAI_FREIN_A_L_ENTREE,
    DELAI_ORIENTATION_CIBLE,
    DERNIER_JOUR_CALCULABLE,
    GROUPES,
    PREMIER_JOUR_CALCULABLE,
    Filtres,
    Indicateur,
    euros,
    mediane_de,
    moyenne,
    pourcentage,
    valeur_depuis_json,
    valider_jour_de_periode,
)
from evaluation.indicateurs.catalogue import CATALOGUE, Fiche, fiche, fiches, fiches_en_json
from evaluation.indicateurs.moteur import calculer_indicateurs, premieres_orientations
from evaluation.indicateurs.perimetres import actions_du_perimetre, parcours_du_perimetre, prescriptions_du_perimetre
from evaluation.indicateurs.ventilations import (
    AXES,
    delais_orientation_par_tranche,
    flux_mensuels,
    occupation_par_action,
    ventiler,
    ventiler_tout,
)

__all__ = [
    "AXES",
    "CATALOGUE",
    "DELAI_FREIN_A_L_ENTREE",
    "DELAI_ORIENTATION_CIBLE",
    "DERNIER_JOUR_CALCULABLE",
    "GROUPES",
    "PREMIER_JOUR_CALCULABLE",
    "Fiche",
    "Filtres",
    "Indicateur",
    "actions_du_perimetre",
    "calculer_indicateurs",
    "delais_orientation_par_tranche",
    "euros",
    "fiche",
    "fiches",
    "fiches_en_json",
    "flux_mensuels",
    "mediane_de",
    "moyenne",
    "occupation_par_action",
    "parcours_du_perimetre",
    "pourcentage",
    "premieres_orientations",
    "prescriptions_du_perimetre",
    "valeur_depuis_json",
    "valider_jour_de_periode",
    "ventiler",
    "ventiler_tout",
]
