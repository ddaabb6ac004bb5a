"""Login by e-mail, French messages on failure, logout, password change; nothing leaks to an anonymous user."""

import pytest

from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_connexion_par_adresse_electronique_sans_tenir_compte_de_la_casse(client):
    UserFactory(email="camille.dupuy@departement.test", administrateur=True)
    response = client.post(
        "/connexion/", {"username": "Camille.Dupuy@Departement.test", "password": "mot-de-passe-de-test"}
    )
    assert response.status_code == 302
    assert response.url == "/"


def test_un_mauvais_mot_de_passe_donne_un_message_francais_et_aucune_session(client):
    UserFactory(email="a@departement.test")
    response = client.post("/connexion/", {"username": "a@departement.test", "password": "faux"})
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_un_compte_desactive_ne_peut_pas_se_connecter(client):
    UserFactory(email="parti@departement.test", is_active=False)
    response = client.post("/connexion/", {"username": "parti@departement.test", "password": "mot-de-passe-de-test"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_deconnexion_par_post(client):
    client.force_login(UserFactory())
    response = client.post("/deconnexion/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_changement_de_mot_de_passe_refuse_un_mot_de_passe_trop_simple(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/mot-de-passe/",
        {"old_password": "mot-de-passe-de-test", "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("mot-de-passe-de-test")


def test_changement_de_mot_de_passe_accepte_un_mot_de_passe_solide(client):
    user = UserFactory()
    client.force_login(user)
    nouveau = "Une-phrase-de-passe-solide-87"
    response = client.post(
        "/mot-de-passe/", {"old_password": "mot-de-passe-de-test", "new_password1": nouveau, "new_password2": nouveau}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(nouveau)


def test_le_formulaire_de_connexion_a_des_libelles_et_des_erreurs_reliees(client):
    response = client.post("/connexion/", {"username": "", "password": ""})
    contenu = response.content.decode()
    assert '<label for="id_username"' in contenu
    assert '<label for="id_password"' in contenu
    assert "«VARIABLE INCONNUE" not in contenu
