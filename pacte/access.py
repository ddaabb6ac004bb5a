"""Request-level guards built from the named predicates of each app's permissions module.

They answer 404, not 403, so that a page's existence is not disclosed.
"""

from functools import wraps

from django.http import Http404
from rest_framework import permissions

from pacte.permissions import est_administrateur


def role_requis(predicat):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicat(request.user):
                raise Http404("Page introuvable.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def permission_api(predicat, message: str) -> type[permissions.BasePermission]:
    """The same predicate as a DRF permission, with the French message the API answers."""

    class Permission(permissions.BasePermission):
        def has_permission(self, request, view):
            return bool(request.user and predicat(request.user))

    Permission.message = message
    Permission.__name__ = f"Permission_{predicat.__name__}"
    return Permission


administrateur_requis = role_requis(est_administrateur)
