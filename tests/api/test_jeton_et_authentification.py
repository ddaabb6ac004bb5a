"""Token per user (created and revoked by the user, revoked by an administrator), session auth, 401 in French."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from pacte.models import JetonAPI
from tests.api.conftest import client_avec_jeton
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/territoires/"


def test_sans_jeton_l_api_repond_401_en_francais():
    reponse = APIClient().get(URL)
    assert reponse.status_code == 401
    assert reponse.json()["detail"].startswith("Authentification requise")
    assert reponse["WWW-Authenticate"] == "Token"


def test_un_jeton_inconnu_est_refuse_en_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    reponse = client.get(URL)
    assert reponse.status_code == 401
    assert reponse.json() == {
        "detail": "Jeton invalide ou révoqué : créez un nouveau jeton sur la page « Mon jeton d'accès à l'API »."
    }


def test_le_jeton_d_un_compte_desactive_est_refuse():
    user = UserFactory(is_active=False)
    assert client_avec_jeton(user).get(URL).status_code == 401


def test_un_jeton_valide_donne_acces():
    assert client_avec_jeton(UserFactory()).get(URL).status_code == 200


def test_la_session_de_l_application_donne_aussi_acces(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 200


def test_l_utilisateur_cree_puis_revoque_son_jeton(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("jeton_api")).content.decode()
    assert "Vous n'avez pas de jeton actif." in page
    assert "VARIABLE INCONNUE" not in page
    page = client.post(reverse("jeton_api"), {"action": "creer"}).content.decode()
    jeton = JetonAPI.objects.get(utilisateur=user)
    cle = page.split('<code id="cle-jeton">')[1].split("</code>")[0]
    assert cle.startswith(jeton.prefixe) and len(cle) == 40
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {cle}")
    assert api.get(URL).status_code == 200

    client.post(reverse("jeton_api"), {"action": "revoquer"})
    assert not JetonAPI.objects.filter(utilisateur=user).exists()
    assert api.get(URL).status_code == 401


def test_renouveler_le_jeton_invalide_l_ancien(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("jeton_api"), {"action": "creer"})
    ancien = JetonAPI.objects.get(utilisateur=user).empreinte
    client.post(reverse("jeton_api"), {"action": "creer"})
    assert JetonAPI.objects.get(utilisateur=user).empreinte != ancien
    assert JetonAPI.objects.filter(utilisateur=user).count() == 1


def test_la_page_ne_reaffiche_jamais_la_cle(client):
    user = UserFactory()
    _, cle = JetonAPI.creer(user)
    client.force_login(user)
    page = client.get(reverse("jeton_api")).content.decode()
    assert cle not in page
    assert "Un jeton est actif depuis le" in page


def test_un_administrateur_revoque_un_jeton_dans_l_administration(client):
    jeton, _ = JetonAPI.creer(UserFactory())
    client.force_login(UserFactory(administrateur=True, is_staff=True, is_superuser=True))
    url = reverse("admin:pacte_jetonapi_delete", args=[jeton.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"post": "yes"})
    assert not JetonAPI.objects.exists()
