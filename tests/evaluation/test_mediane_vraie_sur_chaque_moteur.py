"""Median delays are true medians on both engines (ORDER BY + OFFSET on SQLite, percentile_cont on PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest

from evaluation.indicateurs import calculer_indicateurs
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import ContratEngagementFactory, OrientationFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def _parcours_oriente(mdd, ouverture, orientation, contrat=None):
    parcours = ParcoursFactory(mdd=mdd, date_ouverture_droit=ouverture, date_entree=ouverture)
    OrientationFactory(parcours=parcours, date_decision=orientation)
    if contrat:
        ContratEngagementFactory(parcours=parcours, date_signature=contrat, date_debut=contrat)
    return parcours


def test_une_mediane_sur_un_nombre_pair_de_delais_est_la_moyenne_des_deux_du_milieu():
    mdd = MDDFactory()
    jour = datetime.date(2025, 3, 1)
    # Delays to orientation 10, 11, 20, 40 days → median (11 + 20) / 2 = 15.5; to contract 3, 8 → 5.5.
    for delai, contrat in ((10, 3), (11, None), (20, 8), (40, None)):
        orientation = jour + datetime.timedelta(days=delai)
        _parcours_oriente(mdd, jour, orientation, orientation + datetime.timedelta(days=contrat) if contrat else None)
    indicateurs = calculer_indicateurs(DEBUT, FIN)
    assert indicateurs["delai_orientation_median"].valeur == Decimal("15.5")
    assert indicateurs["delai_orientation_moyen"].valeur == Decimal("20.3")
    assert indicateurs["delai_contrat_median"].valeur == Decimal("5.5")


def test_seule_la_premiere_orientation_compte_et_une_periode_sans_orientation_est_non_disponible():
    mdd = MDDFactory()
    parcours = _parcours_oriente(mdd, datetime.date(2025, 3, 1), datetime.date(2025, 3, 6))
    # A later reorientation does not change the delay of the first orientation.
    OrientationFactory(parcours=parcours, date_decision=datetime.date(2025, 9, 1))
    # A parcours whose first orientation was in 2024 is not counted in 2025.
    _parcours_oriente(mdd, datetime.date(2024, 11, 1), datetime.date(2024, 12, 1))
    indicateurs = calculer_indicateurs(DEBUT, FIN)
    assert indicateurs["delai_orientation_median"].valeur == Decimal("5.0")
    assert indicateurs["delai_orientation_moyen"].valeur == Decimal("5.0")
    vide = calculer_indicateurs(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    assert vide["delai_orientation_median"].valeur is None
    assert vide["delai_contrat_median"].valeur is None
