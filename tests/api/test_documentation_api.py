"""The OpenAPI schema and its interactive documentation are served by the app itself, without a CDN."""

import re

import pytest
import yaml

from tests.api.conftest import client_avec_jeton
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


def ressources_externes(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(https?://[^"]+)"', html)


def test_le_schema_openapi_3_est_en_francais():
    reponse = client_avec_jeton(UserFactory()).get("/api/v1/schema/")
    assert reponse.status_code == 200
    schema = yaml.safe_load(reponse.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "API du Pacte territorial d'insertion"
    operation = schema["paths"]["/api/v1/prescriptions/{id}/changer-etat/"]["post"]
    assert operation["summary"] == "Changer l'état d'une prescription"
    assert schema["components"]["securitySchemes"]["jeton"]["description"].startswith("Jeton personnel")
    assert "404" in operation["responses"]


def test_le_schema_exige_une_authentification(client):
    assert client.get("/api/v1/schema/").status_code == 401


@pytest.mark.parametrize("adresse", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_la_documentation_est_servie_sans_cdn(client, adresse):
    client.force_login(UserFactory())
    reponse = client.get(adresse)
    html = reponse.content.decode()
    assert reponse.status_code == 200
    assert ressources_externes(html) == []
    assert "/static/drf_spectacular_sidecar/" in html
    assert "<script>" not in html  # no inline script: the Swagger UI set-up script is served apart


def test_le_script_de_swagger_ui_est_servi_a_part(client):
    client.force_login(UserFactory())
    reponse = client.get("/api/v1/docs/?script=")
    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in reponse.content.decode()


def test_la_documentation_demande_une_connexion(client):
    reponse = client.get("/api/v1/docs/")
    assert reponse.status_code == 302
    assert reponse.url.startswith("/connexion/")


def test_une_adresse_inconnue_de_l_api_repond_en_json(client):
    reponse = client.get("/api/v1/actions/1.5/")
    assert reponse.status_code == 404
    assert reponse.json() == {"detail": "Ressource introuvable, ou hors de votre périmètre."}


def test_la_racine_de_l_api_liste_les_adresses():
    reponse = client_avec_jeton(UserFactory()).get("/api/v1/", HTTP_ACCEPT="application/json")
    assert reponse.status_code == 200
    assert {"actions", "prescriptions", "communes", "mdd"} <= set(reponse.json())
