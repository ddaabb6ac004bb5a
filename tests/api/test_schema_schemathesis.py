"""Schema-driven test: Schemathesis generates requests from the OpenAPI schema of /api/v1/.

The schema is the one the live endpoint serves (test_le_schema_charge_est_celui_servi_en_direct
compares them): it is built at collection time by drf-spectacular's generator, because loading it
through HTTP needs a database and a token that pytest only gives inside a test (and Schemathesis'
lazy fixture loader does not run on pytest 9). Each operation is then called through the WSGI app
with a partner's token and with an administrator's token (between them they open every endpoint):
no answer may be a 5xx, and every answer must match the schema (documented status code, content
type, body). Deterministic (derandomize) and short (max_examples=10 per operation).
"""

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from pacte.models import JetonAPI
from tests.api.conftest import client_avec_jeton, utilisateur_du_role

VERIFICATIONS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
REGLAGES = settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def schema_genere() -> dict:
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(schema_genere())
schema.app = application


@pytest.fixture(autouse=True)
def _connexion_gardee_entre_les_requetes():
    """The WSGI app is called directly, not through Django's test client: like the client, keep
    close_old_connections off, or PostgreSQL's connection is closed inside the test transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def entetes(role, monde):
    _, cle = JetonAPI.creer(utilisateur_du_role(role, monde))
    return {"Authorization": f"Token {cle}"}


@pytest.fixture
def jeton_partenaire(monde):
    return entetes("partenaire", monde)


@pytest.fixture
def jeton_administrateur(monde):
    return entetes("administrateur", monde)


@pytest.mark.django_db
def test_le_schema_charge_est_celui_servi_en_direct(monde):
    reponse = client_avec_jeton(utilisateur_du_role("partenaire", monde)).get("/api/v1/schema/?format=json")
    assert reponse.status_code == 200
    assert json.loads(reponse.content) == schema_genere()


@pytest.mark.django_db
@schema.parametrize()
@REGLAGES
def test_l_api_respecte_son_schema_avec_un_jeton_partenaire(case, jeton_partenaire):
    case.call_and_validate(headers=jeton_partenaire, checks=VERIFICATIONS)


@pytest.mark.django_db
@schema.parametrize()
@REGLAGES
def test_l_api_respecte_son_schema_avec_un_jeton_administrateur(case, jeton_administrateur):
    case.call_and_validate(headers=jeton_administrateur, checks=VERIFICATIONS)
