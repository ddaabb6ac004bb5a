"""A real OpenID Connect provider (tests/proconnect/fournisseur/) in a subprocess on 127.0.0.1, and the redirect
dance between it, the Django test client (our side) and a requests session (the agent's browser at the provider)."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.proconnect.fournisseur.serveur import CLIENT_ID, CLIENT_SECRET

RACINE = Path(__file__).resolve().parents[2]


@dataclass
class Fournisseur:
    url: str
    base: Path

    @property
    def issuer(self):
        return f"{self.url}/o"


def demarrer_fournisseur(dossier: Path, redirections: list[str]):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    base = dossier / "fournisseur.sqlite3"
    processus = subprocess.Popen(
        [sys.executable, "-m", "tests.proconnect.fournisseur.serveur", str(base), *redirections],
        cwd=RACINE,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    ligne = processus.stdout.readline()
    if not ligne.strip().isdigit():
        processus.kill()
        raise RuntimeError(f"Le fournisseur d'identité de test n'a pas démarré : {ligne!r}")
    return processus, Fournisseur(url=f"http://127.0.0.1:{ligne.strip()}", base=base)


# One provider per test process: it starts in a few seconds, its identities are read-only.
@pytest.fixture(scope="session")
def fournisseur(tmp_path_factory):
    processus, fournisseur = demarrer_fournisseur(tmp_path_factory.mktemp("fournisseur"), ["http://testserver"])
    yield fournisseur
    arreter(processus)


def arreter(processus):
    processus.terminate()
    processus.wait(timeout=10)
    processus.stdout.close()


def configurer_proconnect(settings, fournisseur):
    settings.PROCONNECT_ISSUER = fournisseur.issuer
    settings.PROCONNECT_CLIENT_ID = CLIENT_ID
    settings.PROCONNECT_CLIENT_SECRET = CLIENT_SECRET
    settings.PROCONNECT_DOMAINES = ["departement.test"]
    settings.PROCONNECT_ACTIF = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "pacte.proconnect.backend.ProConnectBackend"]
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "form-action": [*directives["form-action"], fournisseur.url]}
    }


@pytest.fixture
def proconnect(settings, fournisseur):
    configurer_proconnect(settings, fournisseur)
    return fournisseur


class Danse:
    """One agent's trip: our start page, the provider's login and authorization, back to our return page."""

    def __init__(self, client, fournisseur):
        self.client = client
        self.fournisseur = fournisseur
        self.navigateur = requests.Session()
        self.autorisation = None

    def aller(self, identite: str) -> dict:
        """Up to the provider's answer; returns the query of the return address (code and state)."""
        depart = self.client.get("/proconnect/connexion/")
        assert depart.status_code == 302, depart
        self.autorisation = parse_qs(urlsplit(depart.url).query)
        self.navigateur.get(f"{self.fournisseur.url}/se-connecter/{identite}/", allow_redirects=False)
        reponse = self.navigateur.get(depart.url, allow_redirects=False)
        assert reponse.status_code == 302, reponse.text[:500]
        retour = urlsplit(reponse.headers["Location"])
        assert retour.path == "/proconnect/retour/"
        return {cle: valeurs[0] for cle, valeurs in parse_qs(retour.query).items()}

    def revenir(self, parametres: dict):
        return self.client.get("/proconnect/retour/", parametres)

    def connecter(self, identite: str):
        return self.revenir(self.aller(identite))


@pytest.fixture
def danse(client, proconnect):
    danse = Danse(client, proconnect)
    yield danse
    danse.navigateur.close()
