"""The figures of one MDD on the responsable de MDD's page, read from the indicator engine (evaluation): the same
definitions as the dashboard, for the current year up to today."""

import datetime

from evaluation.formats import valeur_fr
from evaluation.indicateurs import Filtres, calculer_indicateurs
from parcours.calendrier import aujourdhui

# What a manager follows day to day, in this order; the whole set is the dashboard's.
CODES_MDD = (
    "stock_parcours_ouverts",
    "entrees",
    "sorties",
    "part_orientes",
    "delai_orientation_median",
    "part_orientes_30_jours",
    "part_referent_unique",
    "part_contrat_en_vigueur",
    "delai_contrat_median",
    "taux_presence_rdv",
    "reorientations",
    "part_freins_leves",
)


def indicateurs_de_la_mdd(mdd, jour=None) -> list[dict]:
    jour = jour or aujourdhui()
    debut = datetime.date(jour.year, 1, 1)
    indicateurs = calculer_indicateurs(debut, jour, Filtres(mdd=mdd.pk))
    return [
        {"libelle": indicateurs[code].libelle, "valeur": valeur_fr(indicateurs[code].valeur, indicateurs[code].unite)}
        for code in CODES_MDD
        if code in indicateurs
    ]
