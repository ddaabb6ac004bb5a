"""A crawl of the app as each role: from "/", every same-site link, breadth first, GET only.

No page may answer 500, and no page may show an unknown template variable («VARIABLE INCONNUE», made
visible by the test settings). Logout, the Django admin and downloads (files, exports that start a
task) are not followed.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from tests.robustesse.conftest import construire_monde

pytestmark = pytest.mark.django_db

PAGES_PAR_ROLE = 150
NE_PAS_SUIVRE_PREFIXES = ("/deconnexion/", "/admin/", "/static/", "/media/", "/api/")
NE_PAS_SUIVRE_FINS = (".pdf", ".xlsx", ".csv", ".json", ".zip")


class Liens(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def a_suivre(url: str) -> bool:
    chemin = urlsplit(url).path
    return chemin.startswith("/") and not (
        chemin.startswith(NE_PAS_SUIVRE_PREFIXES)
        or chemin.endswith(NE_PAS_SUIVRE_FINS)
        or "/export" in chemin
        or "telecharg" in chemin
        or "/fichier/" in chemin
    )


def explorer(client, depart="/", limite=PAGES_PAR_ROLE):
    vues, file, pages, problemes = {depart}, deque([depart]), 0, []
    while file and pages < limite:
        url = file.popleft()
        reponse = client.get(url)
        pages += 1
        if reponse.status_code >= 500:
            problemes.append(f"{url} : {reponse.status_code}")
            continue
        if reponse.status_code in (301, 302, 303):
            suite = urljoin(url, reponse["Location"])
            if urlsplit(suite).netloc in ("", "testserver") and a_suivre(suite) and suite not in vues:
                vues.add(suite)
                file.append(suite)
            continue
        if "text/html" not in reponse.get("Content-Type", ""):
            continue
        contenu = reponse.content.decode()
        if "VARIABLE INCONNUE" in contenu:
            debut = contenu.index("VARIABLE INCONNUE")
            problemes.append(f"{url} : {contenu[debut : debut + 120]}")
        analyseur = Liens()
        analyseur.feed(contenu)
        for href in analyseur.hrefs:
            cible = urldefrag(urljoin(url, href)).url
            morceaux = urlsplit(cible)
            if morceaux.scheme not in ("", "http") or morceaux.netloc not in ("", "testserver"):
                continue
            cible = morceaux.path + (f"?{morceaux.query}" if morceaux.query else "")
            if a_suivre(cible) and cible not in vues:
                vues.add(cible)
                file.append(cible)
    return pages, problemes


ROLES = ["travailleur_social", "responsable_mdd", "charge_orientation", "referent_thematique", "partenaire"]
ROLES += ["administrateur"]


@pytest.fixture(scope="module")
def bilan_exploration():
    bilan = {}
    yield bilan
    print("\nPages explorées par rôle : " + ", ".join(f"{role} {n}" for role, n in bilan.items()))


@pytest.mark.parametrize("role", ROLES)
def test_exploration_d_un_role_sans_erreur_serveur_ni_variable_inconnue(role, bilan_exploration, capsys):
    monde = construire_monde()
    client = Client(raise_request_exception=False)
    client.force_login(monde.comptes()[role])
    pages, problemes = explorer(client)
    bilan_exploration[role] = pages
    with capsys.disabled():
        print(f"\nexploration {role} : {pages} pages")
    assert pages >= 3, "l'exploration n'a presque rien trouvé"
    assert not problemes, "\n".join(problemes)
