"""The API's errors in French, whatever the language DRF picked, with the same {"detail": ...} shape."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler

MESSAGES = {
    exceptions.NotAuthenticated: (
        "Authentification requise : envoyez l'en-tête « Authorization: Token <votre jeton> » "
        "(jeton à créer sur la page « Mon jeton d'accès à l'API »)."
    ),
    exceptions.AuthenticationFailed: (
        "Jeton invalide ou révoqué : créez un nouveau jeton sur la page « Mon jeton d'accès à l'API »."
    ),
    exceptions.NotFound: "Ressource introuvable, ou hors de votre périmètre.",
    exceptions.ParseError: "Le corps de la requête n'est pas un JSON valide.",
    exceptions.UnsupportedMediaType: (
        "Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json)."
    ),
    exceptions.NotAcceptable: "Format de réponse non disponible : l'API répond en JSON.",
    exceptions.PermissionDenied: "Vous n'avez pas la permission d'effectuer cette action.",
}


def gestionnaire_exceptions(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    for classe, message in MESSAGES.items():
        if type(exc) is classe:
            # A message written by our own code (already French) is kept; DRF's defaults are replaced.
            if classe in (exceptions.PermissionDenied, exceptions.NotFound) and str(exc.detail) != str(
                exc.default_detail
            ):
                break
            response.data = {"detail": message}
            break
    else:
        if isinstance(exc, exceptions.MethodNotAllowed):
            response.data = {"detail": f"Méthode « {context['request'].method} » non autorisée sur cette adresse."}
        elif isinstance(exc, exceptions.Throttled):
            attente = f" Réessayez dans {int(exc.wait)} secondes." if exc.wait else ""
            response.data = {"detail": "Trop de requêtes." + attente}
    return response
