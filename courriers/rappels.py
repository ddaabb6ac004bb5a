"""Status callbacks of the e-mail and SMS providers: authenticated, checked, never applied twice.

Two ways in. A provider that can sign (or a relay in front of one) posts to /courriers/rappels/<fournisseur>/ with
two headers: X-Pacte-Horodatage (Unix time) and X-Pacte-Signature, the hex HMAC-SHA256 of
"<horodatage>.<body>" with RAPPELS_SECRET. It is refused when the signature is wrong, when it is older than the
référentiel's window (a replay of an old one), or when the same signature was already received (a replay within
the window). The body follows Brevo's webhook fields (msg_status for SMS, event for e-mail; tag "message-<id>";
to; reply). The status only moves forward (courriers.statuts): a late "sent" after "delivered" changes nothing.
A STOP received from a number stops every later SMS to it.

Brevo does not sign its webhooks: it is given /courriers/rappels/<fournisseur>/<RAPPELS_JETON>/ as its webhook
address, a secret of at least 32 random characters in the path (so the whole address is the credential, over HTTPS
only). The token is compared in constant time; a wrong token, or none configured, answers 404 as if the address did
not exist, before anything is read or written. Replays: the same body received twice is refused (its digest is
kept), and a body whose own timestamp (Brevo's ts_event in seconds or ts_epoch in milliseconds) is older than the
référentiel's window is refused too.
"""

import hashlib
import hmac
import json
import time

from django.conf import settings
from django.db import IntegrityError, transaction

from courriers import statuts
from courriers.choices import StatutMessage as S
from courriers.models import Message, OppositionSms, RappelFournisseur
from courriers.referentiel import parametres
from courriers.telephone import mobile_francais

STATUTS = {
    "delivered": S.DISTRIBUE,
    "hardbounce": S.REJETE,
    "hard_bounce": S.REJETE,
    "invalid_email": S.REJETE,
    "blocked": S.REJETE,
    "rejected": S.REJETE,
    "softbounce": S.ECHOUE,
    "soft_bounce": S.ECHOUE,
    "error": S.ECHOUE,
}
ARRETS = {"unsubscribed", "unsubscribe", "stop"}


class RappelRefuse(Exception):
    def __init__(self, message: str, statut: int = 403):
        super().__init__(message)
        self.statut = statut


def signer(corps: bytes, horodatage: str, secret: str | None = None) -> str:
    secret = settings.RAPPELS_SECRET if secret is None else secret
    return hmac.new(secret.encode(), horodatage.encode() + b"." + corps, hashlib.sha256).hexdigest()


def verifier(corps: bytes, horodatage: str, signature: str, maintenant: float | None = None) -> None:
    if not settings.RAPPELS_SECRET:
        raise RappelRefuse("Les rappels ne sont pas configurés (RAPPELS_SECRET).", 503)
    if not hmac.compare_digest(signer(corps, horodatage or ""), signature or ""):
        raise RappelRefuse("Signature du rappel invalide.")
    maintenant = time.time() if maintenant is None else maintenant
    try:
        age = maintenant - int(horodatage)
    except ValueError:
        raise RappelRefuse("Horodatage du rappel invalide.") from None
    if abs(age) > parametres().fenetre_rappel_fournisseur_secondes:
        raise RappelRefuse("Rappel trop ancien : il est refusé comme un rejeu.")


def _message(donnees) -> Message | None:
    tag = str(donnees.get("tag") or "")
    if tag.startswith("message-") and tag[8:].isdigit():
        return Message.objects.filter(pk=int(tag[8:])).first()
    reference = str(donnees.get("messageId") or donnees.get("message-id") or "")
    return Message.objects.filter(reference_fournisseur=reference).first() if reference else None


def verifier_jeton(jeton: str) -> None:
    """The token of the address, compared in constant time; 404 when it is wrong or when none is configured."""
    attendu = getattr(settings, "RAPPELS_JETON", "")
    if not attendu or not hmac.compare_digest((jeton or "").encode(), attendu.encode()):
        raise RappelRefuse("Adresse de rappel inconnue.", 404)


def _noter(empreinte: str) -> None:
    try:
        with transaction.atomic():
            RappelFournisseur.objects.create(empreinte=empreinte)
    except IntegrityError:
        raise RappelRefuse("Ce rappel a déjà été reçu.", 409) from None


def _lire(corps: bytes) -> dict:
    try:
        donnees = json.loads(corps)
    except ValueError:
        raise RappelRefuse("Corps du rappel illisible.", 400) from None
    if not isinstance(donnees, dict):
        raise RappelRefuse("Corps du rappel illisible.", 400)
    return donnees


def _horodatage_du_corps(donnees: dict) -> float | None:
    """The time of the event as Brevo writes it in the body, in seconds; None when the body has none."""
    for cle, diviseur in (("ts_event", 1), ("ts_epoch", 1000), ("ts", 1)):
        valeur = donnees.get(cle)
        if isinstance(valeur, int | float) or (isinstance(valeur, str) and valeur.isdigit()):
            return float(valeur) / diviseur
    return None


@transaction.atomic
def recevoir(corps: bytes, horodatage: str, signature: str) -> str:
    """Check, then apply one signed callback; what was done, in a word."""
    verifier(corps, horodatage, signature)
    _noter(hashlib.sha256(signature.encode()).hexdigest())
    return _appliquer(_lire(corps))


@transaction.atomic
def recevoir_par_jeton(corps: bytes, jeton: str, maintenant: float | None = None) -> str:
    """Check the address's token, refuse a replay, then apply one callback of a provider that does not sign."""
    verifier_jeton(jeton)
    donnees = _lire(corps)
    quand = _horodatage_du_corps(donnees)
    maintenant = time.time() if maintenant is None else maintenant
    if quand is not None and abs(maintenant - quand) > parametres().fenetre_rappel_fournisseur_secondes:
        raise RappelRefuse("Rappel trop ancien : il est refusé comme un rejeu.")
    _noter(hashlib.sha256(b"jeton." + corps).hexdigest())
    return _appliquer(donnees)


def _appliquer(donnees: dict) -> str:
    evenement = str(donnees.get("msg_status") or donnees.get("event") or "").lower()
    reponse = str(donnees.get("reply") or "").strip().lower()
    if evenement in ARRETS or reponse == "stop":
        numero = mobile_francais(str(donnees.get("to") or donnees.get("from") or ""))
        if numero:
            OppositionSms.objects.get_or_create(telephone=numero)
        return "stop"
    message = _message(donnees)
    apres = STATUTS.get(evenement)
    if message is None or apres is None:
        return "ignore"
    if apres not in statuts.TRANSITIONS[message.statut]:
        return "ignore"
    statuts.appliquer(
        message,
        apres,
        detail=f"Rappel du fournisseur : {evenement}",
        derniere_erreur=evenement[:250] if apres != S.DISTRIBUE else "",
    )
    return apres
