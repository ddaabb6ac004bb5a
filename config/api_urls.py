"""The REST API, versioned under /api/v1/. Each app keeps its serializers and viewsets in its api/ package."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter

import pacte.api.schema  # noqa: F401  (registers the French authentication descriptions)
from evaluation.api.indicateurs import FichesView, IndicateursView
from pacte.api.base import SansRedirectionConnexion
from pacte.api.referentiel import (
    CommuneViewSet,
    MDDViewSet,
    ObjectifViewSet,
    SiteViewSet,
    TerritoireViewSet,
    ThematiqueViewSet,
)
from parcours.api.prescriptions import PrescriptionViewSet
from partenaires.api.catalogue import ActionViewSet


class RacineApi(SansRedirectionConnexion, APIRootView):
    """API du Pacte territorial d'insertion, version 1 : les adresses disponibles."""


class Schema(SansRedirectionConnexion, SpectacularAPIView):
    pass


class Redoc(SpectacularRedocView):
    # Our template: the sidecar's Redoc bundle only, no web fonts from a CDN, no inline script.
    template_name = "pacte/api/redoc.html"
    url_name = "api:schema"


class Routeur(DefaultRouter):
    APIRootView = RacineApi


routeur = Routeur()
routeur.register("thematiques", ThematiqueViewSet, basename="thematique")
routeur.register("objectifs", ObjectifViewSet, basename="objectif")
routeur.register("territoires", TerritoireViewSet, basename="territoire")
routeur.register("mdd", MDDViewSet, basename="mdd")
routeur.register("sites", SiteViewSet, basename="site")
routeur.register("communes", CommuneViewSet, basename="commune")
routeur.register("actions", ActionViewSet, basename="action")
routeur.register("prescriptions", PrescriptionViewSet, basename="prescription")

urls_v1 = [
    path("indicateurs/", IndicateursView.as_view(), name="indicateurs"),
    path("indicateurs/fiches/", FichesView.as_view(), name="fiches"),
    path("schema/", Schema.as_view(), name="schema"),
    # Documentation pages are for people: send them to the login page rather than answer 401.
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("redoc/", login_required(Redoc.as_view()), name="redoc"),
    *routeur.urls,
]


@csrf_exempt
@login_not_required
def adresse_inconnue(request):
    """Any other address under /api/ answers like the API (JSON, French), not with the site's HTML page."""
    return JsonResponse({"detail": "Ressource introuvable, ou hors de votre périmètre."}, status=404)


urlpatterns = [
    path("v1/", include((urls_v1, "api"), namespace="api")),
    re_path(r"^", adresse_inconnue),
]
