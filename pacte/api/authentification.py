"""`Authorization: Token <key>` checked against the stored digest, refused once expired."""

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from pacte.models import JetonAPI
from pacte.models.jetons import empreinte_de


class JetonExpire(exceptions.AuthenticationFailed):
    default_detail = "Jeton expiré : créez un nouveau jeton sur la page « Mon jeton d'accès à l'API »."
    default_code = "jeton_expire"


class AuthentificationParJeton(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        jeton = JetonAPI.objects.select_related("utilisateur").filter(empreinte=empreinte_de(key)).first()
        if jeton is None or not jeton.utilisateur.is_active:
            # The exception handler gives the French message.
            raise exceptions.AuthenticationFailed()
        if jeton.expire_le <= timezone.now():
            raise JetonExpire()
        return (jeton.utilisateur, jeton)
