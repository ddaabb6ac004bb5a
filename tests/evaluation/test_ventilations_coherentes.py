"""The breakdowns (GROUP BY) add up to the engine's totals."""

import datetime

import pytest

from evaluation.indicateurs import calculer_indicateurs, ventiler

pytestmark = pytest.mark.django_db
DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def test_les_ventilations_par_mdd_et_territoire_somment_aux_totaux(creer_donnees):
    creer_donnees(7)
    totaux = calculer_indicateurs(DEBUT, FIN)
    for axe in ("mdd", "territoire"):
        lignes = ventiler(DEBUT, FIN, axe)
        assert sum(ligne["entrees"] for ligne in lignes) == totaux["entrees"].valeur == 7
        assert sum(ligne["stock"] for ligne in lignes) == totaux["stock_parcours_ouverts"].valeur


def test_la_ventilation_par_thematique_donne_chaque_thematique_meme_sans_activite(creer_donnees, thematiques):
    creer_donnees(4)
    lignes = {ligne["id"]: ligne for ligne in ventiler(DEBUT, FIN, "thematique")}
    assert lignes[thematiques[0].pk]["participants"] == 4 and lignes[thematiques[0].pk]["places"] == 30
    assert lignes[thematiques[1].pk]["participants"] == 0 and lignes[thematiques[1].pk]["places"] is None
    assert lignes[thematiques[1].pk]["taux_sorties_emploi"] is None


def test_un_axe_inconnu_est_refuse():
    with pytest.raises(ValueError):
        ventiler(DEBUT, FIN, "commune")


def test_une_periode_inversee_est_refusee_par_le_moteur():
    with pytest.raises(ValueError):
        calculer_indicateurs(FIN, DEBUT)
