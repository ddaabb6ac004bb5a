from django.contrib.auth import get_user_model, login
from django.http import HttpResponseRedirect
from django.urls import include, path


def se_connecter(request, username):
    """The provider's own login, reduced to naming the test identity: the tests prove the client, not this page."""
    login(request, get_user_model().objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(request.GET.get("next", "/"))


urlpatterns = [
    path("se-connecter/<str:username>/", se_connecter),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
