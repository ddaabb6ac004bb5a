"""The SMS provider behind one small adapter, chosen by environment variables:

    SMS_FOURNISSEUR = faux (development and tests: nothing leaves, messages kept in memory) | brevo
    SMS_CLE         = the provider's API key
    SMS_EXPEDITEUR  = the sender name shown on the phone (11 characters at most)
    SMS_URL         = the API's base address (Brevo's by default; a local fake server in tests)

Brevo's transactional SMS API (POST /v3/transactionalSMS/sms) is the one rdv-insertion uses for the same
purpose. An error says whether trying again may work (network, 5xx, 429) or not (4xx: the number or the text is
refused), so that the queue retries the first kind and gives up on the second.
"""

import itertools

import requests
from django.conf import settings


class ErreurEnvoi(Exception):
    def __init__(self, message: str, *, definitive: bool = False):
        super().__init__(message)
        self.definitive = definitive


class FauxFournisseur:
    """Keeps what it is asked to send; a developer reads it in the log or the admin."""

    envoyes: list = []
    _compteur = itertools.count(1)

    def envoyer(self, numero: str, texte: str, reference: str) -> str:
        identifiant = f"faux-{next(self._compteur)}"
        self.envoyes.append({"numero": numero, "texte": texte, "reference": reference, "id": identifiant})
        return identifiant


class Brevo:
    def __init__(self, *, cle: str, expediteur: str, url: str, delai: float = 10):
        self.cle, self.expediteur, self.url, self.delai = cle, expediteur, url.rstrip("/"), delai

    def envoyer(self, numero: str, texte: str, reference: str) -> str:
        corps = {
            "sender": self.expediteur,
            "recipient": numero.lstrip("+"),
            "content": texte,
            "type": "transactional",
            "tag": reference,
        }
        try:
            reponse = requests.post(
                f"{self.url}/v3/transactionalSMS/sms",
                json=corps,
                headers={"api-key": self.cle, "accept": "application/json"},
                timeout=self.delai,
            )
        except requests.RequestException as exc:
            raise ErreurEnvoi(f"Le fournisseur de SMS ne répond pas ({exc.__class__.__name__}).") from None
        if reponse.status_code >= 500 or reponse.status_code == 429:
            raise ErreurEnvoi(f"Le fournisseur de SMS est indisponible (code {reponse.status_code}).")
        if reponse.status_code >= 400:
            raise ErreurEnvoi(f"Le fournisseur de SMS refuse le message (code {reponse.status_code}).", definitive=True)
        donnees = reponse.json()
        return str(donnees.get("messageId") or donnees.get("reference") or "")


def fournisseur():
    nom = settings.SMS_FOURNISSEUR
    if nom == "brevo":
        return Brevo(cle=settings.SMS_CLE, expediteur=settings.SMS_EXPEDITEUR, url=settings.SMS_URL)
    return FauxFournisseur()
