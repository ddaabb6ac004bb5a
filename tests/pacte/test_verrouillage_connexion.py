"""Login lockout: the case of the e-mail gives no new tries; spraying accounts from one address is stopped."""

import pytest
from django.conf import settings

from pacte.connexion import identifiant_normalise
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db
BON = "mot-de-passe-de-test"


def connexion(client, email, mot_de_passe="faux", adresse="10.0.0.1"):
    return client.post("/connexion/", {"username": email, "password": mot_de_passe}, REMOTE_ADDR=adresse)


def test_l_identifiant_compte_est_l_adresse_en_minuscules_sans_espaces():
    assert (
        identifiant_normalise(None, {"username": "  Camille.Dupuy@Departement.TEST "})
        == "camille.dupuy@departement.test"
    )
    assert identifiant_normalise(None, {}) is None


def test_changer_la_casse_de_l_adresse_ne_donne_pas_de_nouveaux_essais(client):
    UserFactory(email="cible@departement.test")
    variantes = [
        "cible@departement.test",
        "Cible@departement.test",
        "CIBLE@DEPARTEMENT.TEST",
        " cible@Departement.test",
    ]
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        assert connexion(client, variantes[i % len(variantes)]).status_code == 200
    reponse = connexion(client, "cIbLe@departement.test")
    assert reponse.status_code == 429
    assert "Connexion temporairement bloquée" in reponse.content.decode()
    assert connexion(client, "Cible@Departement.test", BON).status_code == 429
    assert "_auth_user_id" not in client.session


def test_une_pulverisation_sur_plusieurs_comptes_bloque_l_adresse(client):
    limite = settings.PACTE_CONNEXION_ECHECS_PAR_ADRESSE
    comptes = [UserFactory(email=f"agent{i}@departement.test") for i in range(limite + 1)]
    for compte in comptes[: limite - 1]:
        assert connexion(client, compte.email).status_code == 200  # one try each: no account reaches 5
    assert connexion(client, comptes[limite - 1].email).status_code == 429
    reponse = connexion(client, comptes[limite].email, BON)
    assert reponse.status_code == 429
    assert "depuis ce poste" in reponse.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not concerned.
    assert connexion(client, comptes[limite].email, BON, adresse="10.0.0.2").status_code == 302


def test_quelques_fautes_de_collegues_sur_le_meme_poste_ne_bloquent_personne(client):
    comptes = [UserFactory(email=f"collegue{i}@departement.test") for i in range(3)]
    for compte in comptes:
        for _ in range(2):
            assert connexion(client, compte.email).status_code == 200
    assert connexion(client, comptes[0].email, BON).status_code == 302
