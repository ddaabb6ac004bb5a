"""A crawl of the REST API as each role and as an anonymous caller: every GET operation of the OpenAPI
schema (so a new endpoint is crawled without editing this file), with its list pages, its detail pages
(ids from the lists, an id out of scope, an id that does not exist) and hostile query parameters.

No answer may be a 5xx or anything but JSON; statuses stay in {200, 400, 401, 403, 404}; a 400 speaks
French.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from tests.robustesse.conftest import construire_monde
from tests.robustesse.test_exploration_sans_erreur import ROLES

pytestmark = pytest.mark.django_db

STATUTS_ADMIS = {200, 400, 401, 403, 404}
VALEURS_HOSTILES = ["", "abc", "9" * 30, "-1", "\x00", "2025-13-45", "é" * 300, "' OR 1=1 --"]
PARAMETRES_COMMUNS = {"page": ["-1", "0", "999999", "abc"], "page_size": [str(10**9)], "ordering": ["inconnu"]}
PAGES_SUIVIES = 3
# The English defaults of Django, DRF and django-filter: none may reach a French user.
ANGLAIS = re.compile(r"Enter a|Select a|Invalid|This field|not found|Not found|valid (?:date|number|integer)|must be")
ID_INEXISTANT = 987654321


def chemins_du_schema() -> dict[str, dict]:
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


def operations_get() -> dict[str, list[dict]]:
    """Path template -> the parameters of its GET operation, from the schema the API serves."""
    return {
        chemin: operations["get"].get("parameters", [])
        for chemin, operations in chemins_du_schema().items()
        if "get" in operations
    }


def routes_api(resolver=None, prefixe="") -> set[str]:
    """Every URL pattern under /api/, as a regex string, to check that the schema covers them all."""
    resolver = resolver or get_resolver()
    routes = set()
    for motif in resolver.url_patterns:
        texte = prefixe + str(motif.pattern)
        if isinstance(motif, URLResolver):
            routes |= routes_api(motif, texte)
        elif isinstance(motif, URLPattern) and texte.lstrip("^").startswith("api/"):
            routes.add(texte)
    return routes


def repondre(client, url, params=None):
    reponse = client.get(url, params or {}, HTTP_ACCEPT="application/json")
    probleme = None
    if reponse.status_code not in STATUTS_ADMIS:
        probleme = f"{url} {params or ''} : statut {reponse.status_code}"
    elif "application/json" not in reponse.get("Content-Type", "") and "openapi" not in reponse.get("Content-Type", ""):
        probleme = f"{url} {params or ''} : réponse {reponse.get('Content-Type')} au lieu de JSON"
    elif reponse.status_code in (400, 404) and ANGLAIS.search(reponse.text):
        probleme = f"{url} {params or ''} : erreur {reponse.status_code} en anglais : {reponse.text[:200]}"
    return reponse, probleme


def ids_de(donnees) -> list:
    lignes = donnees.get("results", donnees) if isinstance(donnees, dict) else donnees
    if not isinstance(lignes, list):
        return []
    return [ligne["id"] for ligne in lignes if isinstance(ligne, dict) and "id" in ligne]


def explorer_api(client, operations, ids_hors_perimetre) -> tuple[int, list[str]]:
    appels, problemes, ids_par_liste = 0, [], {}
    listes = [chemin for chemin in operations if "{" not in chemin]
    for chemin in listes:
        url, suivies = chemin, 0
        while url and suivies < PAGES_SUIVIES:
            reponse, probleme = repondre(client, url)
            appels += 1
            suivies += 1
            if probleme:
                problemes.append(probleme)
                break
            if reponse.status_code != 200:
                break
            donnees = reponse.json()
            ids_par_liste.setdefault(chemin, []).extend(ids_de(donnees))
            url = donnees.get("next") if isinstance(donnees, dict) else None
        for nom, valeurs in PARAMETRES_COMMUNS.items():
            for valeur in valeurs:
                _, probleme = repondre(client, chemin, {nom: valeur})
                appels += 1
                problemes += [probleme] if probleme else []
        for parametre in operations[chemin]:
            if parametre.get("in") != "query":
                continue
            for valeur in VALEURS_HOSTILES:
                _, probleme = repondre(client, chemin, {parametre["name"]: valeur})
                appels += 1
                problemes += [probleme] if probleme else []
    for chemin in operations:
        champs = re.findall(r"\{(\w+)\}", chemin)
        if not champs:
            continue
        liste = re.sub(r"\{\w+\}/.*$", "", chemin)
        candidats = ids_par_liste.get(liste, [])[:3] + [ID_INEXISTANT, "abc", -1]
        candidats += ids_hors_perimetre.get(liste, [])
        for identifiant in candidats:
            url = re.sub(r"\{\w+\}", str(identifiant), chemin)
            reponse, probleme = repondre(client, url)
            appels += 1
            problemes += [probleme] if probleme else []
            if identifiant in (ID_INEXISTANT, "abc", -1) and reponse.status_code == 200:
                problemes.append(f"{url} : un identifiant inexistant répond 200")
    return appels, problemes


def test_le_schema_couvre_chaque_route_de_l_api():
    assert len(operations_get()) >= 15, sorted(operations_get())
    couvertes = {re.sub(r"\{\w+\}", "X", chemin) for chemin in chemins_du_schema()}
    absentes = []
    for route in routes_api():
        modele = route.replace("^", "").replace("$", "").replace("\\", "")
        # Formats (.json) and the documentation pages are not operations of the schema.
        if "format" in modele or any(mot in modele for mot in ("docs/", "redoc/", "schema/")):
            continue
        echantillon = "/" + re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>", "X", modele)
        if echantillon not in couvertes and echantillon not in ("/api/", "/api/v1/"):
            absentes.append(echantillon)
    assert not absentes, f"routes de l'API absentes du schéma, donc de l'exploration : {absentes}"


@pytest.mark.parametrize("role", [*ROLES, "anonyme"])
def test_exploration_de_l_api_sans_erreur_serveur(role, capsys):
    from parcours.models import Prescription
    from tests.parcours.factories import PrescriptionFactory

    monde = construire_monde()
    # A prescription to another structure's action: out of scope for the partner (the API's only reader of
    # prescriptions; the other roles get 403 on the whole endpoint).
    ailleurs = PrescriptionFactory()
    ids_hors_perimetre = {"/api/v1/prescriptions/": [ailleurs.pk]}
    client = Client(raise_request_exception=False)
    if role != "anonyme":
        client.force_login(monde.comptes()[role])
    appels, problemes = explorer_api(client, operations_get(), ids_hors_perimetre)
    with capsys.disabled():
        print(f"\nexploration de l'API {role} : {appels} appels")
    assert appels >= 100
    assert not problemes, "\n".join(problemes)
    if role == "partenaire":
        assert client.get("/api/v1/prescriptions/").status_code == 200
        assert client.get(f"/api/v1/prescriptions/{ailleurs.pk}/").status_code == 404
        assert Prescription.objects.filter(pk=ailleurs.pk).exists()
