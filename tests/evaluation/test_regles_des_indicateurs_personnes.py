"""Stocks, flows, orientations, contracts and freins, rule by rule, with the expected figure counted by hand.

Written from the fiches (evaluation/indicateurs/catalogue.py); the period is the year 2025.
"""

import datetime
from decimal import Decimal

import pytest

from evaluation.exports import tableau_donnees_ouvertes
from evaluation.indicateurs import Filtres, calculer_indicateurs
from tests.pacte.factories import MDDFactory, PacteFactory
from tests.parcours.factories import (
    BeneficiaireFactory,
    ContratEngagementFactory,
    FreinFactory,
    OrientationFactory,
    ParcoursFactory,
    RendezVousFactory,
)

pytestmark = pytest.mark.django_db

DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
J = datetime.date


def _indicateurs(debut=DEBUT, fin=FIN, filtres=None):
    return calculer_indicateurs(debut, fin, filtres or Filtres())


def test_une_personne_avec_deux_parcours_dans_la_periode_est_une_entree_et_une_sortie():
    personne = BeneficiaireFactory()
    ParcoursFactory(beneficiaire=personne, date_entree=J(2025, 1, 10), date_sortie=J(2025, 3, 1))
    ParcoursFactory(beneficiaire=personne, date_entree=J(2025, 6, 1), date_sortie=J(2025, 9, 1))
    ParcoursFactory(date_entree=J(2025, 2, 1))
    chiffres = _indicateurs()
    # By hand: two people entered (one twice), one person left (twice).
    assert (chiffres["entrees"].valeur, chiffres["sorties"].valeur) == (2, 1)
    assert chiffres["entrees"].unite == "personnes"


def test_le_stock_est_pris_le_dernier_jour_sorties_du_jour_exclues():
    ParcoursFactory(date_entree=J(2024, 5, 1))
    ParcoursFactory(date_entree=J(2024, 5, 1), date_sortie=FIN)
    ParcoursFactory(date_entree=J(2026, 1, 1))
    assert _indicateurs()["stock_parcours_ouverts"].valeur == 1


def test_les_orientations_sont_des_decisions_comptees_comme_dans_l_export_ouvert():
    mdd = MDDFactory()
    for _ in range(4):  # enough decisions for the open-data table to show them (statistical secrecy)
        parcours = ParcoursFactory(mdd=mdd)
        OrientationFactory(parcours=parcours, type="sociale", date_decision=J(2025, 2, 1))
        OrientationFactory(parcours=parcours, type="sociale", date_decision=J(2025, 8, 1))
    OrientationFactory(parcours__mdd=mdd, type="sociale", date_decision=J(2025, 3, 1))
    chiffres = _indicateurs()
    # By hand: 9 decisions for 5 people, 4 of them réorientations.
    assert chiffres["orientations_sociale"].valeur == 9
    assert chiffres["orientations_sociale"].unite == "décisions"
    assert chiffres["reorientations"].valeur == 4
    export = tableau_donnees_ouvertes(DEBUT, FIN, Filtres())
    colonne = export["colonnes"].index("Orientation sociale")
    assert export["lignes"][-1][colonne] == 9


def test_un_contrat_brouillon_portant_une_date_de_signature_n_est_pas_en_vigueur():
    brouillon = ParcoursFactory(date_entree=J(2025, 1, 5))
    ContratEngagementFactory(parcours=brouillon, etat="brouillon", date_signature=J(2025, 3, 1))
    signe = ParcoursFactory(date_entree=J(2025, 1, 5))
    ContratEngagementFactory(parcours=signe, date_fin=J(2026, 3, 1))
    ContratEngagementFactory(parcours=brouillon, etat="brouillon", date_fin=J(2026, 3, 1), date_signature=J(2025, 4, 1))
    # By hand: two people in the stock, one with a signed contract covering 31/12/2025.
    assert _indicateurs()["part_contrat_en_vigueur"].valeur == Decimal("50.0")


def test_un_frein_leve_avant_l_entree_n_est_pas_un_frein_a_l_entree():
    avant = ParcoursFactory(date_entree=J(2025, 3, 1))
    FreinFactory(parcours=avant, date_identification=J(2025, 1, 10), date_levee=J(2025, 2, 1))
    encore = ParcoursFactory(date_entree=J(2025, 3, 1))
    FreinFactory(parcours=encore, date_identification=J(2025, 1, 10), date_levee=J(2025, 4, 1))
    tard = ParcoursFactory(date_entree=J(2025, 3, 1))
    FreinFactory(parcours=tard, date_identification=J(2025, 3, 1) + datetime.timedelta(days=91))
    ParcoursFactory(date_entree=J(2025, 3, 1))
    chiffres = _indicateurs()
    # By hand: 4 entrants; only «encore» had a frein at entry (still active on the entry day).
    assert chiffres["prevalence_freins_entree"].valeur == Decimal("25.0")
    assert chiffres["frein_entree_mobilite"].valeur == Decimal("25.0")


def test_les_rendez_vous_sont_pris_aux_bornes_de_la_periode_en_heure_de_paris():
    parcours = ParcoursFactory()
    # 31/12/2024 23:30 UTC is 01/01/2025 00:30 in Paris: in 2025. 31/12/2025 23:30 UTC is 2026 in Paris.
    RendezVousFactory(parcours=parcours, date=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC))
    RendezVousFactory(
        parcours=parcours,
        presence="absent_non_excuse",
        date=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC),
    )
    assert _indicateurs()["taux_presence_rdv"].valeur == Decimal("100.0")


def test_une_periode_vide_donne_zero_pour_les_comptes_et_non_disponible_pour_les_parts():
    chiffres = _indicateurs(J(2031, 1, 1), J(2031, 12, 31))
    assert (chiffres["stock_parcours_ouverts"].valeur, chiffres["entrees"].valeur) == (0, 0)
    for code in ("part_orientes", "part_referent_unique", "delai_orientation_median", "prevalence_freins_entree"):
        assert chiffres[code].valeur is None, code


def test_la_part_orientee_dans_le_delai_suit_le_delai_cible_du_referentiel():
    # Two first orientations, 10 and 20 days after the opening of the right.
    for jours in (10, 20):
        parcours = ParcoursFactory(date_entree=J(2025, 1, 5), date_ouverture_droit=J(2025, 1, 5))
        OrientationFactory(parcours=parcours, date_decision=J(2025, 1, 5) + datetime.timedelta(days=jours))
    pacte = PacteFactory(date_debut=J(2022, 1, 1), date_fin=J(2030, 12, 31))
    pacte.delai_orientation_jours = 30
    pacte.save()
    assert _indicateurs()["part_orientes_30_jours"].valeur == Decimal("100.0")
    pacte.delai_orientation_jours = 15  # the France Travail reform's target
    pacte.save()
    assert _indicateurs()["part_orientes_30_jours"].valeur == Decimal("50.0")
