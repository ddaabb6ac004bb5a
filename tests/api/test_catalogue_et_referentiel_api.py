"""The catalogue (places left, filters) and the reference data: constant query counts."""

import pytest

from tests.api.conftest import client_avec_jeton
from tests.pacte.factories import CommuneFactory, UserFactory
from tests.partenaires.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(db):
    return UserFactory(charge_orientation=True)


def test_le_catalogue_donne_les_places_restantes(monde, agent):
    donnees = client_avec_jeton(agent).get(f"/api/v1/actions/{monde['action_a'].pk}/").json()
    assert (donnees["places"], donnees["nb_entree"], donnees["places_restantes"]) == (3, 1, 2)
    assert donnees["partenaire"]["raison_sociale"] == monde["partenaire_a"].raison_sociale


def test_le_catalogue_filtre_les_actions_avec_des_places_libres(monde, agent):
    complete = ActionFactory(places=0)
    client = client_avec_jeton(agent)
    ids = [a["id"] for a in client.get("/api/v1/actions/", {"places_libres": "true"}).json()["results"]]
    assert complete.pk not in ids and monde["action_a"].pk in ids
    ids = [a["id"] for a in client.get("/api/v1/actions/", {"places_libres": "false"}).json()["results"]]
    assert ids == [complete.pk]


def test_le_catalogue_filtre_par_thematique_partenaire_et_date(monde, agent):
    client = client_avec_jeton(agent)
    action_a = monde["action_a"]
    assert [
        a["id"] for a in client.get("/api/v1/actions/", {"thematique": action_a.thematique_id}).json()["results"]
    ] == [action_a.pk]
    assert [
        a["id"] for a in client.get("/api/v1/actions/", {"partenaire": action_a.partenaire_id}).json()["results"]
    ] == [action_a.pk]
    assert client.get("/api/v1/actions/", {"ouverte_le": "2030-01-01"}).json()["count"] == 0
    assert client.get("/api/v1/actions/", {"ouverte_le": "2026-01-01"}).json()["count"] == 2


def test_un_filtre_invalide_repond_400_en_francais(monde, agent):
    reponse = client_avec_jeton(agent).get("/api/v1/actions/", {"ouverte_le": "demain"})
    assert reponse.status_code == 400
    assert reponse.json() == {"ouverte_le": ["Saisissez une date valide."]}


@pytest.mark.parametrize("nombre", [5, 50])
def test_le_catalogue_coute_un_nombre_constant_de_requetes(nombre, agent, django_assert_max_num_queries):
    for _ in range(nombre):
        ActionFactory()
    client = client_avec_jeton(agent)
    with django_assert_max_num_queries(6):
        reponse = client.get("/api/v1/actions/", {"taille": 100})
    assert reponse.json()["count"] == nombre


@pytest.mark.parametrize("nombre", [5, 50])
def test_les_communes_coutent_un_nombre_constant_de_requetes(nombre, agent, django_assert_max_num_queries):
    for _ in range(nombre):
        CommuneFactory()
    client = client_avec_jeton(agent)
    with django_assert_max_num_queries(4):
        reponse = client.get("/api/v1/communes/", {"taille": 100})
    assert reponse.json()["count"] == nombre


def test_les_communes_se_filtrent_par_code_insee(agent):
    commune = CommuneFactory(code_insee="87085")
    CommuneFactory(code_insee="87032")
    reponse = client_avec_jeton(agent).get("/api/v1/communes/", {"code_insee": "87085"})
    assert [c["id"] for c in reponse.json()["results"]] == [commune.pk]
