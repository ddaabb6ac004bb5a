"""The app's URLs plus an empty view: the floor every page latency is compared with."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


@login_not_required
def vide(request):
    return HttpResponse("")


urlpatterns = [path("__vide__/", vide), *app_urlpatterns]
