"""A crawl of the REST API as each role and as an anonymous caller: every GET operation of the OpenAPI schema
(so a new endpoint is crawled without editing this file), its list pages (following `next`), its detail pages
(ids from the lists, ids out of the caller's scope, ids that do not exist) and hostile query parameters.

No answer may be a 5xx or anything but JSON. The crawl answers 200, 401, 403 or 404 only; a hostile query
parameter may also get a 400. Every error body carries French messages.
"""

import functools
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from tests.parcours.factories import PrescriptionFactory
from tests.robustesse.conftest import construire_monde
from tests.robustesse.test_exploration_sans_erreur import ROLES

pytestmark = pytest.mark.django_db

STATUTS_EXPLORATION = {200, 401, 403, 404}
STATUTS_PARAMETRES_HOSTILES = STATUTS_EXPLORATION | {400}
PAGES_SUIVIES = 3
ID_INEXISTANT = 987654321
IDS_INEXISTANTS = [ID_INEXISTANT, -1, "abc", "9" * 30, "%00"]
VALEURS_HOSTILES = ["", "abc", "9" * 30, "\x00", "2025-13-45"]
# More values by the declared type: the edges of the calendar, negative numbers, long and quoted text.
VALEURS_PAR_TYPE = {
    "date": ["0001-01-01", "9999-12-31"],
    "integer": ["-1", "0"],
    "texte": ["é" * 300, "' OR 1=1 --"],
}
TAILLE = api_settings.DEFAULT_PAGINATION_CLASS.page_size_query_param
PARAMETRES_COMMUNS = [
    {"page": "-1"},
    {"page": "0"},
    {"page": "999999"},
    {"page": "abc"},
    {"page_size": str(10**9)},
    {TAILLE: str(10**9)},
    {"ordering": "inconnu"},
]
# Addresses of the API outside the schema that answer data: the root and any unknown address.
ADRESSES_HORS_SCHEMA = ["/api/v1/", "/api/v1/adresse-inconnue/"]
# Served to people or as a document, not data: tests/api/test_documentation_api.py checks them.
DOCUMENTS = ("api:schema", "api:docs", "api:redoc")

# The English defaults of Django, DRF and django-filter: none may reach a French user.
ANGLAIS = re.compile(
    r"Enter a|Select a|Invalid|This field|not found|Not found|valid (?:date|number|integer)|must be"
    r"|is required|does not exist|Authentication|credentials|permission to perform"
)
FRANCAIS = re.compile(
    r"[àâçéèêîïôûœ«»’]|\b(?:le|la|les|un|une|des|du|de|est|pas|cette|votre|vous|saisissez|indiquez)\b", re.I
)


@functools.cache
def operations_get() -> dict[str, list[dict]]:
    """Path template -> the parameters of its GET operation, from the schema the API documents."""
    chemins = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return {
        chemin: operations["get"].get("parameters", []) for chemin, operations in chemins.items() if "get" in operations
    }


def listes() -> list[str]:
    return [chemin for chemin in operations_get() if "{" not in chemin]


def details() -> list[str]:
    return [chemin for chemin in operations_get() if "{" in chemin]


def liste_de(detail: str) -> str:
    return detail[: detail.index("{")]


def valeurs_hostiles(parametre: dict) -> list[str]:
    schema = parametre.get("schema", {})
    if schema.get("format") == "date":
        return VALEURS_HOSTILES + VALEURS_PAR_TYPE["date"]
    if schema.get("type") == "integer":
        return VALEURS_HOSTILES + VALEURS_PAR_TYPE["integer"]
    if schema.get("type") == "string" and "enum" not in schema:
        return VALEURS_HOSTILES + VALEURS_PAR_TYPE["texte"]
    return VALEURS_HOSTILES


def messages(donnees) -> list[str]:
    if isinstance(donnees, str):
        return [donnees]
    if isinstance(donnees, dict):
        return [m for valeur in donnees.values() for m in messages(valeur)]
    if isinstance(donnees, list):
        return [m for valeur in donnees for m in messages(valeur)]
    return []


def lignes_de(donnees) -> list[dict]:
    lignes = donnees.get("results") if isinstance(donnees, dict) else donnees
    return [ligne for ligne in lignes if isinstance(ligne, dict)] if isinstance(lignes, list) else []


def remplir(detail: str, valeur) -> str:
    return re.sub(r"\{\w+\}", str(valeur), detail)


def modele_de(liste: str):
    """The model behind a list address (its viewset's queryset or serializer), for ids out of scope."""
    vue = getattr(resolve(liste).func, "cls", None)
    if vue is None:
        return None
    if getattr(vue, "queryset", None) is not None:
        return vue.queryset.model
    meta = getattr(getattr(vue, "serializer_class", None), "Meta", None)
    return getattr(meta, "model", None)


class Exploration:
    """One caller's crawl: each answer is checked, each problem noted with its address."""

    def __init__(self, client: Client, nom: str):
        self.client, self.nom, self.appels, self.problemes = client, nom, 0, []
        self.hors_perimetre = 0

    def noter(self, probleme: str):
        self.problemes.append(f"{self.nom} : {probleme}")

    def get(self, url: str, params: dict | None = None, statuts=STATUTS_EXPLORATION):
        """The answer, or None when it is not an acceptable JSON answer (the problem is noted)."""
        reponse = self.client.get(url, params or {}, HTTP_ACCEPT="application/json")
        self.appels += 1
        adresse = f"GET {url} {params or ''}".rstrip()
        if reponse.status_code not in statuts:
            self.noter(f"{adresse} : statut {reponse.status_code}")
            return None
        if "application/json" not in reponse.get("Content-Type", ""):
            self.noter(f"{adresse} : réponse {reponse.get('Content-Type')} au lieu de JSON")
            return None
        try:
            donnees = reponse.json()
        except ValueError:
            self.noter(f"{adresse} : corps qui n'est pas du JSON")
            return None
        if reponse.status_code >= 400:
            textes = messages(donnees)
            if not textes:
                self.noter(f"{adresse} : erreur {reponse.status_code} sans message : {reponse.text[:200]}")
            for texte in textes:
                if ANGLAIS.search(texte) or not FRANCAIS.search(texte):
                    self.noter(f"{adresse} : erreur {reponse.status_code} pas en français : {texte[:200]}")
        reponse.donnees = donnees
        return reponse

    def attendre(self, url: str, statut: int, params: dict | None = None):
        reponse = self.get(url, params)
        if reponse is not None and reponse.status_code != statut:
            self.noter(f"GET {url} {params or ''} : statut {reponse.status_code} au lieu de {statut}")
        return reponse


def parcourir_la_liste(exploration: Exploration, liste: str) -> tuple[int | None, list[dict], bool]:
    """The list's status, its rows and whether they are all of them; then its pages of two rows, by `next`."""
    reponse = exploration.get(liste)
    if reponse is None:
        return None, [], False
    exploration.get(liste.rstrip("/") + ".json")
    if reponse.status_code != 200:
        return reponse.status_code, [], False
    donnees = reponse.donnees
    lignes = lignes_de(donnees)
    complete = not (isinstance(donnees, dict) and donnees.get("next"))
    if isinstance(donnees, dict) and "count" in donnees:
        vus, url, params = [], liste, {TAILLE: 2}
        for _ in range(PAGES_SUIVIES):
            page = exploration.get(url, params)
            if page is None or page.status_code != 200:
                break
            vus += [ligne.get("id") for ligne in lignes_de(page.donnees)]
            url, params = page.donnees.get("next"), None
            if not url:
                break
        if len(vus) != len(set(vus)) or len(vus) != min(donnees["count"], 2 * PAGES_SUIVIES):
            exploration.noter(f"{liste} : pages de 2 incohérentes ({vus}, {donnees['count']} au total)")
    return 200, lignes, complete


def explorer_api(exploration: Exploration) -> dict[str, int]:
    """Every list, then every detail: ids from the list (200), out of scope and missing (404, or the list's
    refusal); on a refused list, hostile parameters change nothing. Returns the list statuses."""
    statuts, lignes_par_liste, completes = {}, {}, {}
    for liste in listes():
        statut, lignes, complete = parcourir_la_liste(exploration, liste)
        statuts[liste], lignes_par_liste[liste], completes[liste] = statut, lignes, complete
        if statut in (401, 403):
            tout = {TAILLE: "abc", "page": "-1"}
            tout.update({p["name"]: "\x00" for p in operations_get()[liste] if p.get("in") == "query"})
            exploration.attendre(liste, statut, tout)
    for adresse in ADRESSES_HORS_SCHEMA:
        exploration.get(adresse)
    for detail in details():
        liste = liste_de(detail)
        statut_liste = statuts.get(liste)
        nom = re.findall(r"\{(\w+)\}", detail)[0]
        modele = modele_de(liste)
        ids_listes = [ligne.get(nom, ligne.get("id")) for ligne in lignes_par_liste.get(liste, [])]
        if statut_liste == 200:
            for identifiant in ids_listes[:3]:
                reponse = exploration.attendre(remplir(detail, identifiant), 200)
                meme_objet = reponse is None or reponse.status_code != 200 or not detail.endswith(f"{{{nom}}}/")
                if not meme_objet and reponse.donnees.get("id", identifiant) != identifiant:
                    exploration.noter(f"{remplir(detail, identifiant)} : répond un autre objet")
            if completes[liste] and modele is not None:
                for identifiant in modele.objects.exclude(pk__in=ids_listes).values_list("pk", flat=True)[:2]:
                    exploration.attendre(remplir(detail, identifiant), 404)
                    exploration.hors_perimetre += 1
            for identifiant in IDS_INEXISTANTS:
                exploration.attendre(remplir(detail, identifiant), 404)
        elif statut_liste in (401, 403):
            existants = list(modele.objects.values_list("pk", flat=True)[:2]) if modele is not None else []
            for identifiant in existants + IDS_INEXISTANTS:
                exploration.attendre(remplir(detail, identifiant), statut_liste)
        else:
            for identifiant in IDS_INEXISTANTS:
                exploration.get(remplir(detail, identifiant))
    return statuts


def routes_drf_en_get(resolver=None, prefixe="", espace="") -> list[tuple[str, str]]:
    """(route, name) of every DRF view under /api/ that answers GET, formats (.json) folded into their route."""
    resolver = resolver or get_resolver()
    routes = []
    for motif in resolver.url_patterns:
        texte = prefixe + str(motif.pattern)
        if isinstance(motif, URLResolver):
            sous_espace = f"{espace}{motif.namespace}:" if motif.namespace else espace
            routes += routes_drf_en_get(motif, texte, sous_espace)
            continue
        vue = getattr(motif.callback, "cls", None)
        if not (isinstance(motif, URLPattern) and texte.startswith("api/") and vue and issubclass(vue, APIView)):
            continue
        actions = getattr(motif.callback, "actions", None)
        if (actions is not None and "get" not in actions) or (actions is None and not hasattr(vue, "get")):
            continue
        # The format suffixes (thematiques.json, ...) are the same views: folded into their route.
        route = re.sub(r"\\\.\(\?P<format>[^)]*\)|<drf_format_suffix:\w+>|/\?|[\^$]", "", texte).replace("\\", "")
        route = "/" + re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>", "X", route)
        routes.append((route if route.endswith("/") else route + "/", f"{espace}{motif.name}"))
    return routes


@pytest.fixture(scope="module")
def monde(django_db_setup, django_db_blocker):
    """One world for the whole module (each test still runs in its own savepoint), rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        monde = construire_monde()
        # A prescription to another structure's action: out of the partner's scope, and the partner's list is
        # the only one of the API that depends on who asks.
        monde.prescription_ailleurs = PrescriptionFactory()
        yield monde
        transaction.set_rollback(True)


def test_chaque_route_de_l_api_en_get_est_exploree():
    assert len(listes()) >= 8 and len(details()) >= 8, sorted(operations_get())
    explorees = {re.sub(r"\{\w+\}", "X", chemin) for chemin in operations_get()} | set(ADRESSES_HORS_SCHEMA)
    routes = routes_drf_en_get()
    assert len(routes) >= len(operations_get()), routes
    absentes = sorted({route for route, nom in routes if nom not in DOCUMENTS and route not in explorees})
    assert not absentes, f"routes de l'API en GET absentes du schéma, donc de l'exploration : {absentes}"


@pytest.mark.parametrize("role", [*ROLES, "anonyme"])
def test_exploration_de_l_api_sans_erreur_serveur(role, monde, capsys):
    client = Client(raise_request_exception=False)
    if role != "anonyme":
        client.force_login(monde.comptes()[role])
    exploration = Exploration(client, role)
    statuts = explorer_api(exploration)
    with capsys.disabled():
        print(f"\nexploration de l'API {role} : {exploration.appels} appels")
    assert not exploration.problemes, "\n".join(exploration.problemes)
    assert exploration.appels >= 4 * len(operations_get())
    if role == "anonyme":
        assert set(statuts.values()) == {401}
    else:
        # The catalogue is the prescribers' and the steering's, as on the pages.
        assert statuts["/api/v1/actions/"] == (403 if role == "partenaire" else 200)
    if role == "partenaire":
        # The crawl did try the other structure's prescription, and it stayed hidden.
        assert exploration.hors_perimetre >= 1
        assert client.get(f"/api/v1/prescriptions/{monde.prescription_ailleurs.pk}/").status_code == 404


def test_parametres_hostiles_sur_chaque_liste_sans_erreur_serveur(monde, capsys):
    """Every declared query parameter of every list, with hostile values, as each caller that may read it.

    Two callers that get the same unfiltered answer read the same rows: the battery runs once for them.
    """
    appelants = {"anonyme": Client(raise_request_exception=False)}
    for role in ROLES:
        appelants[role] = Client(raise_request_exception=False)
        appelants[role].force_login(monde.comptes()[role])
    problemes, appels, batteries = [], 0, 0
    for liste in listes():
        deja_vus = set()
        for nom, client in appelants.items():
            exploration = Exploration(client, nom)
            reponse = exploration.get(liste)
            if reponse is None or reponse.status_code != 200 or reponse.text in deja_vus:
                appels += exploration.appels
                problemes += exploration.problemes
                continue
            deja_vus.add(reponse.text)
            batteries += 1
            essais = list(PARAMETRES_COMMUNS)
            for parametre in operations_get()[liste]:
                if parametre.get("in") == "query":
                    essais += [{parametre["name"]: valeur} for valeur in valeurs_hostiles(parametre)]
            for params in essais:
                exploration.get(liste, params, statuts=STATUTS_PARAMETRES_HOSTILES)
            appels += exploration.appels
            problemes += exploration.problemes
    with capsys.disabled():
        print(f"\nparamètres hostiles : {appels} appels, {batteries} batteries")
    assert batteries >= len(listes())
    assert not problemes, "\n".join(problemes)
