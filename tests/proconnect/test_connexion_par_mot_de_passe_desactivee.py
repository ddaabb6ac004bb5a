"""The operator may switch the password login off when ProConnect is on; ProConnect is off until configured."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

import config.settings.base as reglages_de_base
from tests.pacte.factories import UserFactory
from tests.proconnect.conftest import configurer_proconnect

pytestmark = pytest.mark.django_db


@pytest.fixture
def sans_mot_de_passe(settings, fournisseur):
    configurer_proconnect(settings, fournisseur)
    settings.CONNEXION_PAR_MOT_DE_PASSE = False
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS if not b.endswith("ModelBackend")]


def test_sans_configuration_proconnect_est_absent(client):
    page = client.get("/connexion/").content.decode()
    assert "S'identifier avec ProConnect" not in page
    assert "Se connecter" in page
    assert client.get("/proconnect/connexion/").status_code == 404
    assert client.get("/proconnect/retour/", {"code": "x", "state": "y"}).status_code == 404


def test_les_deux_boutons_quand_proconnect_est_configure(client, proconnect):
    page = client.get("/connexion/").content.decode()
    assert "S'identifier avec ProConnect" in page and "Se connecter" in page


def test_le_mot_de_passe_desactive_ne_connecte_plus(client, sans_mot_de_passe):
    UserFactory(email="camille.dupuy@departement.test")
    page = client.get("/connexion/").content.decode()
    assert "S'identifier avec ProConnect" in page
    assert 'name="password"' not in page
    response = client.post(
        "/connexion/", {"username": "camille.dupuy@departement.test", "password": "mot-de-passe-de-test"}, follow=True
    )
    assert "La connexion par mot de passe est désactivée" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_le_mot_de_passe_desactive_ferme_aussi_l_administration_django(client, sans_mot_de_passe):
    UserFactory(email="admin@departement.test", administrateur=True, is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": "admin@departement.test", "password": "mot-de-passe-de-test"})
    assert "_auth_user_id" not in client.session


def test_le_mot_de_passe_desactive_sans_proconnect_est_une_erreur_de_configuration(monkeypatch):
    monkeypatch.setenv("PACTE_CONNEXION_MOT_DE_PASSE", "0")
    monkeypatch.delenv("PROCONNECT_ISSUER", raising=False)
    with pytest.raises(ImproperlyConfigured, match="personne ne pourrait se connecter"):
        importlib.reload(reglages_de_base)
    monkeypatch.delenv("PACTE_CONNEXION_MOT_DE_PASSE")
    importlib.reload(reglages_de_base)


def test_le_mot_de_passe_desactive_retire_le_lien_mot_de_passe_de_l_en_tete(client, sans_mot_de_passe):
    agent = UserFactory(email="camille.dupuy@departement.test")
    client.force_login(agent, backend="pacte.proconnect.backend.ProConnectBackend")
    page = client.get("/", follow=True).content.decode()
    assert "Se déconnecter" in page
    assert "/mot-de-passe/" not in page
    assert client.get("/mot-de-passe/").status_code == 404


def test_un_agent_venu_par_proconnect_n_a_pas_de_lien_mot_de_passe(client):
    agent = UserFactory(email="sans.mot.de.passe@departement.test")
    agent.set_unusable_password()
    agent.save()
    client.force_login(agent)
    page = client.get("/", follow=True).content.decode()
    assert "/mot-de-passe/" not in page
    assert client.get("/mot-de-passe/").status_code == 404
    avec_mot_de_passe = UserFactory(email="avec.mot.de.passe@departement.test")
    client.force_login(avec_mot_de_passe)
    assert "/mot-de-passe/" in client.get("/", follow=True).content.decode()
