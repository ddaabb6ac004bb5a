"""The ProConnect login: the start (state, nonce, PKCE), the return, and the page of the agents who wait for access.

The redirect dance is mozilla-django-oidc's; these views add the French refusals, the lockout and the journal."""

from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_login_failed
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from pacte.models.journal import journaliser_connexion
from pacte.proconnect.refus import AccesEnAttente, RefusProConnect
from pacte.proconnect.reglages import reglage

ETAT_INCONNU = (
    "Cette connexion par ProConnect n'a pas été demandée depuis ce navigateur, ou elle a expiré. "
    "Recommencez la connexion."
)
ERREUR_FOURNISSEUR = "ProConnect n'a pas pu vous identifier. Recommencez la connexion."
CLE_ATTENTE = "proconnect_attente"


def _proconnect_requis():
    if not settings.PROCONNECT_ACTIF:
        raise Http404("ProConnect n'est pas configuré.")


@method_decorator(login_not_required, name="dispatch")
class DebutProConnect(OIDCAuthenticationRequestView):
    get_settings = staticmethod(reglage)

    def __init__(self, *args, **kwargs):
        # The parent reads the authorization endpoint here; ours is read in get(), where a failure can be answered.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.PROCONNECT_CLIENT_ID

    def get(self, request):
        _proconnect_requis()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = reglage("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except RefusProConnect as refus:
            messages.error(request, refus.message)
            return redirect("login")
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class RetourProConnect(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(reglage)
    refus = RefusProConnect(ERREUR_FOURNISSEUR)

    def get(self, request):
        _proconnect_requis()
        if request.GET.get("error"):
            return super().get(request)  # the library forgets the state (no replay), then login_failure()
        if request.GET.get("state") not in request.session.get("oidc_states", {}):
            self.refus = RefusProConnect(ETAT_INCONNU)
            return self.login_failure()
        try:
            return super().get(request)
        except AccesEnAttente as attente:
            request.session[CLE_ATTENTE] = {"email": attente.email, "refusee": attente.refusee}
            return redirect("proconnect_attente")
        except RefusProConnect as refus:
            self.refus = refus
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        journaliser_connexion(self.request, self.user, methode="ProConnect")
        return response

    def login_failure(self):
        credentials = {"username": self.refus.email}
        # Counted by django-axes like a wrong password: the lockout covers both logins.
        user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
        if self.refus.bloque:
            return get_lockout_response(self.request, None, credentials)
        messages.error(self.request, self.refus.message)
        return redirect("login")


@login_not_required
def acces_en_attente(request):
    _proconnect_requis()
    attente = request.session.get(CLE_ATTENTE)
    if not attente:
        return redirect("login")
    return render(request, "registration/acces_en_attente.html", {"titre": "Accès en attente", **attente})
