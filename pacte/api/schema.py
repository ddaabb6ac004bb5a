"""French description of the authentication schemes in the OpenAPI schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class AuthentificationJeton(OpenApiAuthenticationExtension):
    target_class = "pacte.api.authentification.AuthentificationParJeton"
    name = "jeton"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Jeton personnel, créé ou révoqué sur la page « Mon jeton d'accès à l'API ». "
                "En-tête : « Authorization: Token <jeton> ». Le jeton voit exactement ce que voit son utilisateur."
            ),
        }


class AuthentificationSession(OpenApiAuthenticationExtension):
    target_class = "rest_framework.authentication.SessionAuthentication"
    name = "session"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": (
                "Session de l'application (pages du site) ; les requêtes qui écrivent exigent le jeton CSRF."
            ),
        }


REPONSES_ERREUR = {
    "400": "Requête invalide : paramètres, filtres ou corps refusés (messages en français, par champ).",
    "401": "Authentification requise, ou jeton invalide ou révoqué.",
    "403": "Votre rôle ne donne pas accès à cette ressource.",
    "404": "Ressource introuvable, ou hors de votre périmètre.",
    "429": "Trop de requêtes : réessayez plus tard.",
}


def ajouter_reponses_erreur(result, generator, request, public):
    """Document the errors every operation may answer, with the shape of the French error body."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Erreur"] = {
        "type": "object",
        "description": "Erreur : « detail » en français, ou la liste des messages par champ pour une requête invalide.",
        "properties": {"detail": {"type": "string", "description": "Message en français."}},
        "additionalProperties": True,
    }
    contenu = {"application/json": {"schema": {"$ref": "#/components/schemas/Erreur"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            reponses = operation.setdefault("responses", {})
            for code, description in REPONSES_ERREUR.items():
                reponses.setdefault(code, {"description": description, "content": contenu})
                if "content" not in reponses[code]:
                    reponses[code]["content"] = contenu
    return result
