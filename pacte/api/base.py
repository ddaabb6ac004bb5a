"""What every API view shares: token or session auth, pagination, French errors.

API views opt out of LoginRequiredMiddleware (it would redirect a token request to the login page
before DRF authenticates it); DRF's IsAuthenticated then answers 401 in French.
"""

from django.contrib.auth.decorators import login_not_required
from rest_framework import permissions, viewsets


class SansRedirectionConnexion:
    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class LectureSeuleViewSet(SansRedirectionConnexion, viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated]
