"""ProConnect's endpoints, read from its discovery document, and the mozilla-django-oidc settings they answer.

Only the issuer is configured: the endpoints come from `<issuer>/.well-known/openid-configuration`, fetched at the
first login and kept an hour in the cache, so that ProConnect can move them without a new release."""

from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.crypto import get_random_string
from mozilla_django_oidc.utils import import_from_settings

from pacte.proconnect.refus import RefusProConnect

DUREE_CACHE = 3600
POINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
CLIENT = {
    "OIDC_RP_CLIENT_ID": "PROCONNECT_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "PROCONNECT_CLIENT_SECRET",
    "OIDC_RP_SCOPES": "PROCONNECT_SCOPES",
}
INDISPONIBLE = "ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes."


def metadonnees() -> dict:
    issuer = settings.PROCONNECT_ISSUER
    cle = f"proconnect:metadonnees:{issuer}"
    meta = cache.get(cle)
    if meta is None:
        try:
            reponse = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
            reponse.raise_for_status()
            meta = reponse.json()
        except (requests.RequestException, ValueError):
            raise RefusProConnect(INDISPONIBLE) from None
        # A document that names another issuer is not ProConnect's (OpenID Connect Discovery, section 4.3).
        if str(meta.get("issuer", "")).rstrip("/") != issuer or not all(meta.get(cle) for cle in POINTS.values()):
            raise RefusProConnect(INDISPONIBLE)
        cache.set(cle, meta, DUREE_CACHE)
    return meta


def reglage(attr, *default):
    """mozilla-django-oidc's get_settings: endpoints from the discovery, the client from PROCONNECT_*."""
    if attr in POINTS:
        return metadonnees()[POINTS[attr]]
    if attr in CLIENT:
        return getattr(settings, CLIENT[attr])
    return import_from_settings(attr, *default)


def adresse_fin_de_session(request, id_token: str) -> str | None:
    """Where to send the browser so that ProConnect closes its session too; None when it has no such endpoint."""
    try:
        point = metadonnees().get("end_session_endpoint")
    except RefusProConnect:
        return None
    if not point:
        return None
    parametres = {
        "id_token_hint": id_token,
        "state": get_random_string(32),
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    return f"{point}?{urlencode(parametres)}"
