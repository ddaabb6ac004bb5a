"""`taille` and `page` are checked (400 in French, never a silent default), empty filters are refused, the
schema says pages start at 1; every list endpoint uses the same pagination and filter backend; the catalogue
page and the API agree on who may read the actions."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from config.api_urls import routeur
from pacte.api.filtres import FiltresPacte
from pacte.api.pagination import PaginationPacte
from pacte.models import Role
from tests.api.conftest import ROLES, client_avec_jeton, utilisateur_du_role

pytestmark = pytest.mark.django_db
LISTES = [
    "/api/v1/thematiques/",
    "/api/v1/objectifs/",
    "/api/v1/territoires/",
    "/api/v1/mdd/",
    "/api/v1/sites/",
    "/api/v1/communes/",
    "/api/v1/actions/",
]


@pytest.fixture
def admin_api(monde):
    return client_avec_jeton(utilisateur_du_role(Role.ADMINISTRATEUR, monde))


@pytest.mark.parametrize("taille", ["-1", "0", "abc", "null", "", "1.5", "201", "١٢"])
@pytest.mark.parametrize("url", LISTES)
def test_une_taille_invalide_est_refusee_en_400(admin_api, url, taille):
    reponse = admin_api.get(url, {"taille": taille})
    assert reponse.status_code == 400
    assert reponse.json() == {"taille": ["La taille de page est un nombre entier de 1 à 200."]}


@pytest.mark.parametrize("page", ["0", "-1", "abc", "null", "", "last"])
def test_un_numero_de_page_invalide_est_refuse_en_400(admin_api, page):
    reponse = admin_api.get("/api/v1/territoires/", {"page": page})
    assert reponse.status_code == 400
    assert reponse.json() == {"page": ["Le numéro de page est un nombre entier à partir de 1."]}


def test_une_taille_et_une_page_valides_sont_servies(admin_api, monde):
    reponse = admin_api.get("/api/v1/actions/", {"taille": "1", "page": "2"})
    assert reponse.status_code == 200
    corps = reponse.json()
    assert corps["count"] == 2 and len(corps["results"]) == 1 and corps["previous"]
    assert admin_api.get("/api/v1/actions/", {"taille": "200"}).status_code == 200
    assert admin_api.get("/api/v1/actions/", {"page": "3", "taille": "1"}).status_code == 404


@pytest.mark.parametrize(
    ("url", "filtre"),
    [
        ("/api/v1/actions/", "statut"),
        ("/api/v1/actions/", "q"),
        ("/api/v1/communes/", "mdd"),
        ("/api/v1/sites/", "milieu"),
    ],
)
def test_un_filtre_vide_est_refuse_en_400(admin_api, url, filtre):
    for valeur in ("", "  "):
        reponse = admin_api.get(url, {filtre: valeur})
        assert reponse.status_code == 400
        assert reponse.json() == {filtre: ["Ce filtre est vide : donnez-lui une valeur ou retirez-le de l'adresse."]}


def test_un_filtre_vide_des_prescriptions_est_refuse(monde, partenaire_a):
    reponse = client_avec_jeton(partenaire_a).get("/api/v1/prescriptions/", {"etat": ""})
    assert reponse.status_code == 400 and "etat" in reponse.json()


def test_le_schema_dit_que_les_pages_commencent_a_1_et_borne_la_taille():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    listes = [op for chemin in schema["paths"].values() for op in chemin.values() if "parameters" in op]
    parametres_page = [p for op in listes for p in op["parameters"] if p["name"] == "page"]
    parametres_taille = [p for op in listes for p in op["parameters"] if p["name"] == "taille"]
    assert len(parametres_page) == len(LISTES) + 1  # and the prescriptions
    assert all(p["schema"] == {"type": "integer", "minimum": 1, "default": 1} for p in parametres_page)
    assert all(p["schema"]["minimum"] == 1 and p["schema"]["maximum"] == 200 for p in parametres_taille)
    assert all("à partir de 1" in p["description"] for p in parametres_page)


def test_chaque_liste_de_l_api_a_la_meme_pagination_et_les_memes_filtres():
    for prefixe, viewset, _ in routeur.registry:
        assert viewset.pagination_class is PaginationPacte, prefixe
        assert list(viewset.filter_backends) == [FiltresPacte], prefixe


@pytest.mark.parametrize("role", ROLES)
def test_la_page_du_catalogue_et_l_api_des_actions_sont_d_accord(client, monde, role):
    user = utilisateur_du_role(role, monde)
    client.force_login(user)
    page = client.get(reverse("partenaires:catalogue")).status_code
    api = client_avec_jeton(user).get("/api/v1/actions/").status_code
    assert (page == 200) == (api == 200), (role, page, api)
    if role == Role.PARTENAIRE:
        assert (page, api) == (404, 403)
        assert client_avec_jeton(user).get(f"/api/v1/actions/{monde['action_a'].pk}/").status_code == 403
