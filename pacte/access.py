"""Request-level guards. They answer 404, not 403, so that a page's existence is not disclosed."""

from functools import wraps

from django.http import Http404


def role_requis(test):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                raise Http404("Page introuvable.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


administrateur_requis = role_requis(lambda user: user.est_administrateur)
