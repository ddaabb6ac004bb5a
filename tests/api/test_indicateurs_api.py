"""Aggregate indicators through the API: the same figures as evaluation.indicateurs, for the same people."""

import datetime

import pytest

from evaluation.indicateurs import Filtres, calculer_indicateurs
from tests.api.conftest import client_avec_jeton
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_les_indicateurs_de_l_api_sont_ceux_du_moteur(monde):
    client = client_avec_jeton(UserFactory(administrateur=True))
    reponse = client.get("/api/v1/indicateurs/", {"debut": "2025-01-01", "fin": "2025-12-31", "mdd": monde["mdd_a"].pk})
    assert reponse.status_code == 200
    donnees = reponse.json()
    attendus = calculer_indicateurs(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), Filtres(mdd=monde["mdd_a"].pk)
    )
    assert [i["code"] for i in donnees["indicateurs"]] == list(attendus)
    for ligne in donnees["indicateurs"]:
        attendu = attendus[ligne["code"]].valeur
        assert ligne["valeur"] == (None if attendu is None else pytest.approx(float(attendu)))
    assert donnees["filtres"]["mdd"] == monde["mdd_a"].pk


def test_une_periode_inversee_est_refusee_en_francais(monde):
    client = client_avec_jeton(UserFactory(administrateur=True))
    reponse = client.get("/api/v1/indicateurs/", {"debut": "2025-12-31", "fin": "2025-01-01"})
    assert reponse.status_code == 400
    assert reponse.json() == {"debut": ["Le début de la période doit précéder sa fin."]}


@pytest.mark.parametrize("parametres", [{"fin": "9999-12-31"}, {"debut": "0001-01-01"}])
def test_une_periode_hors_des_dates_calculables_est_refusee_en_francais(monde, parametres):
    # The engine shifts the period by a day and turns days into local datetimes: years 1 and 9999 overflowed (500).
    client = client_avec_jeton(UserFactory(administrateur=True))
    reponse = client.get("/api/v1/indicateurs/", parametres)
    assert reponse.status_code == 400
    champ = next(iter(parametres))
    assert reponse.json() == {champ: ["Indiquez une date entre le 01/01/1900 et le 31/12/2099."]}


def test_un_partenaire_n_a_pas_les_indicateurs(monde, partenaire_a):
    reponse = client_avec_jeton(partenaire_a).get("/api/v1/indicateurs/")
    assert reponse.status_code == 403
    assert reponse.json()["detail"].startswith("Réservé aux administrateurs et aux référents thématiques")
