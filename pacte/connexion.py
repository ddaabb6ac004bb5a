"""Login throttling rules on top of django-axes.

- One counter per account whatever the spelling: the login accepts the e-mail in any case (the account
  is found with `email__iexact`), so axes must count `Camille@…` and `camille@…` as the same account.
- One more counter per address across accounts: password spraying tries one or two passwords on many
  accounts, never five on one. Above `PACTE_CONNEXION_ECHECS_PAR_ADRESSE` failures from one address in
  the cool-off window, that address is refused for every account. The figure is higher than the
  per-account one, so colleagues sharing one address (a MDD behind one NAT) are not locked by one typo.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def identifiant_normalise(request, credentials=None) -> str | None:
    """The e-mail axes counts failures for: trimmed and lower-cased, like the account lookup."""
    donnees = credentials if credentials else getattr(request, "POST", {})
    identifiant = donnees.get(settings.AXES_USERNAME_FORM_FIELD)
    if identifiant is None:
        return None
    return str(identifiant).strip().lower()


def echecs_depuis_l_adresse(request) -> int:
    """Failures from the request's address, all accounts together, within the cool-off window."""
    adresse = getattr(request, "axes_ip_address", None)
    if not adresse:
        return 0
    total = AccessAttempt.objects.filter(
        ip_address=adresse, attempt_time__gte=get_cool_off_threshold(request)
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return total or 0


class GestionnaireConnexions(AxesDatabaseHandler):
    """Axes' database handler, plus the per-address limit across accounts."""

    def get_failures(self, request, credentials=None) -> int:
        # Axes compares this one figure with AXES_FAILURE_LIMIT both before authenticating and after a
        # failure: an address over its own limit counts as an account at the limit.
        echecs = super().get_failures(request, credentials)
        if echecs_depuis_l_adresse(request) >= settings.PACTE_CONNEXION_ECHECS_PAR_ADRESSE:
            return max(echecs, get_failure_limit(request, credentials))
        return echecs
