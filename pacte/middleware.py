"""Inactivity expiry of the session without a database write on every request.

SESSION_SAVE_EVERY_REQUEST would UPDATE the session row on every page; the session only needs its expiry
pushed forward now and then. Saving it when the last refresh is older than
PACTE_SESSION_RAFRAICHIE_SECONDES keeps the «logged out after SESSION_COOKIE_AGE of inactivity» rule
within that margin, for one write a minute instead of one per request.
"""

import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers

CLE = "_pacte_rafraichie_le"


def maintenant() -> int:
    return int(time.time())


class SessionGlissanteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # An empty session (anonymous visitor, or just logged out) is never created for this.
        if session is not None and session.session_key and not session.is_empty():
            instant = maintenant()
            if instant - session.get(CLE, 0) >= settings.PACTE_SESSION_RAFRAICHIE_SECONDES:
                session[CLE] = instant
        return response


class PasDeCacheMiddleware:
    """No browser or proxy keeps a copy of any page, fragment, export or API answer of the app.

    Nearly every response carries personal data (file active, parcours, prescriptions, imports, exports, the
    API), and a shared computer's cache or a proxy would keep it after logout. The rule is declared once,
    here, rather than view by view: every response Django builds is `private, no-store`. Static files are
    answered by WhiteNoise before this middleware, with their own long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
