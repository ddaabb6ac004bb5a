"""mozilla-django-oidc's backend made strict for ProConnect, with French refusals.

The library checks the state, the nonce and sends the PKCE verifier; it leaves the audience, the issuer, the
e-mail's verification and the domain to us, and answers an expired code with a bare HTTP error."""

import jwt
import requests
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from pacte.proconnect.agents import identifier_agent
from pacte.proconnect.refus import RefusProConnect
from pacte.proconnect.reglages import INDISPONIBLE, reglage

RECOMMENCER = "Recommencez la connexion."
JETON_INVALIDE = f"La réponse de ProConnect n'a pas pu être vérifiée. {RECOMMENCER}"


class ProConnectBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(reglage)

    def __init__(self, *args, **kwargs):
        # The parent reads the endpoints here; ours come from the discovery, fetched only when a login needs them.
        self.UserModel = get_user_model()
        self.OIDC_RP_CLIENT_ID = settings.PROCONNECT_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.PROCONNECT_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: reglage("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: reglage("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: reglage("OIDC_OP_JWKS_ENDPOINT"))

    def get_user(self, user_id):
        # The parent's get_user forgets is_active: a deactivated agent must lose their session.
        return ModelBackend.get_user(self, user_id)

    def user_can_authenticate(self, user):
        return ModelBackend.user_can_authenticate(self, user)

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.HTTPError:
            raise RefusProConnect(f"Le code de connexion a expiré ou a déjà servi. {RECOMMENCER}") from None
        except requests.RequestException:
            raise RefusProConnect(INDISPONIBLE) from None

    def verify_token(self, token, **kwargs):
        if not token:
            raise RefusProConnect(JETON_INVALIDE)
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation:
            # Nonce, algorithm or key not matching: a replayed or forged answer.
            raise RefusProConnect(JETON_INVALIDE) from None

    def get_payload_data(self, token, key):
        """Signature, expiry, audience and issuer, all required (the library skips the last two)."""
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.PROCONNECT_ISSUER,
                options={"require": ["exp", "iat", "aud", "iss", "sub"]},
            )
        except jwt.InvalidAudienceError:
            raise RefusProConnect(
                f"La réponse de ProConnect était destinée à un autre service. {RECOMMENCER}"
            ) from None
        except jwt.ExpiredSignatureError:
            raise RefusProConnect(f"La réponse de ProConnect a expiré. {RECOMMENCER}") from None
        except jwt.InvalidTokenError:
            raise RefusProConnect(JETON_INVALIDE) from None

    def verify_claims(self, claims):
        email = str(claims.get("email") or "").strip().lower()
        if not email or "@" not in email:
            raise RefusProConnect("ProConnect n'a pas transmis votre adresse électronique.")
        # ProConnect's federation only passes e-mails its identity providers checked and may omit the claim;
        # a provider that says the address is not verified is refused.
        if claims.get("email_verified", True) is not True:
            raise RefusProConnect(
                "Votre adresse électronique n'est pas vérifiée par votre fournisseur d'identité : "
                "confirmez-la auprès de lui, puis recommencez.",
                email,
            )
        domaine = email.rsplit("@", 1)[1]
        if domaine not in settings.PROCONNECT_DOMAINES:
            raise RefusProConnect(f"Les adresses en @{domaine} ne donnent pas accès à ce service.", email)
        return True

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: the userinfo must speak of the id_token's subject.
        if str(claims.get("sub")) != str(payload.get("sub")):
            raise RefusProConnect(JETON_INVALIDE)
        self.verify_claims(claims)
        email = claims["email"].strip().lower()
        if not AxesProxyHandler.is_allowed(self.request, {"username": email}):
            raise RefusProConnect("Trop de tentatives de connexion : ce compte est bloqué.", email, bloque=True)
        return identifier_agent(claims)

    def get_userinfo(self, access_token, id_token, payload):
        try:
            return super().get_userinfo(access_token, id_token, payload)
        except requests.RequestException:
            raise RefusProConnect(INDISPONIBLE) from None
