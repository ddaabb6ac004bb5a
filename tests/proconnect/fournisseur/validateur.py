"""ProConnect's claims, and the faults the tests ask for by the name of the identity."""

from oauth2_provider.oauth2_validators import OAuth2Validator

AUDIENCE_FAUSSE = "audience-fausse"
NON_VERIFIEE = "non-verifiee"


class Validateur(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "email": "email",
        "email_verified": "email",
        "given_name": "given_name",
        "usual_name": "usual_name",
        "siret": "siret",
    }

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": user.username != NON_VERIFIEE,
            "given_name": user.first_name,
            "usual_name": user.last_name,
            "siret": "22870001300015",
        }

    def finalize_id_token(self, id_token, token, token_handler, request):
        if request.user.username == AUDIENCE_FAUSSE:
            id_token["aud"] = "un-autre-service"
        return super().finalize_id_token(id_token, token, token_handler, request)
