"""Reference data of the pact, read-only: thématiques, objectifs, territoires, MDD, sites, communes."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from pacte.api.base import LectureSeuleViewSet
from pacte.models import MDD, Commune, Objectif, Site, Territoire, Thematique


class ThematiqueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Thematique
        fields = ["id", "pacte", "numero", "intitule", "description"]


class ObjectifSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objectif
        fields = ["id", "thematique", "code", "intitule", "description"]


class TerritoireSerializer(serializers.ModelSerializer):
    class Meta:
        model = Territoire
        fields = ["id", "code", "nom"]


class MDDSerializer(serializers.ModelSerializer):
    class Meta:
        model = MDD
        fields = ["id", "code", "nom", "territoire", "telephone", "email"]


class SiteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Site
        fields = ["id", "nom", "mdd", "commune", "adresse", "milieu"]


class CommuneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commune
        fields = ["id", "code_insee", "nom", "code_postal", "mdd", "milieu"]


class ThematiqueFilter(django_filters.FilterSet):
    class Meta:
        model = Thematique
        fields = {"pacte": ["exact"], "numero": ["exact"]}


class ObjectifFilter(django_filters.FilterSet):
    class Meta:
        model = Objectif
        fields = {"thematique": ["exact"], "code": ["exact"]}


class MDDFilter(django_filters.FilterSet):
    class Meta:
        model = MDD
        fields = {"territoire": ["exact"], "code": ["exact"]}


class SiteFilter(django_filters.FilterSet):
    class Meta:
        model = Site
        fields = {"mdd": ["exact"], "commune": ["exact"], "milieu": ["exact"]}


class CommuneFilter(django_filters.FilterSet):
    class Meta:
        model = Commune
        fields = {"mdd": ["exact"], "code_insee": ["exact"], "milieu": ["exact"]}


def _documenter(nom_pluriel: str, nom_singulier: str):
    return extend_schema_view(
        list=extend_schema(
            summary=f"Lister les {nom_pluriel}",
            description=f"Référentiel : les {nom_pluriel}, en lecture seule, par pages, avec des filtres.",
        ),
        retrieve=extend_schema(
            summary=f"Lire {nom_singulier}", description=f"Référentiel : {nom_singulier} désigné par son identifiant."
        ),
    )


@_documenter("thématiques du pacte", "une thématique")
class ThematiqueViewSet(LectureSeuleViewSet):
    queryset = Thematique.objects.order_by("pacte_id", "numero")
    serializer_class = ThematiqueSerializer
    filterset_class = ThematiqueFilter


@_documenter("objectifs du pacte", "un objectif")
class ObjectifViewSet(LectureSeuleViewSet):
    queryset = Objectif.objects.order_by("thematique_id", "code")
    serializer_class = ObjectifSerializer
    filterset_class = ObjectifFilter


@_documenter("territoires", "un territoire")
class TerritoireViewSet(LectureSeuleViewSet):
    queryset = Territoire.objects.order_by("nom")
    serializer_class = TerritoireSerializer


@_documenter("maisons du département (MDD)", "une maison du département")
class MDDViewSet(LectureSeuleViewSet):
    queryset = MDD.objects.order_by("nom")
    serializer_class = MDDSerializer
    filterset_class = MDDFilter


@_documenter("sites des MDD", "un site")
class SiteViewSet(LectureSeuleViewSet):
    queryset = Site.objects.order_by("mdd__nom", "nom")
    serializer_class = SiteSerializer
    filterset_class = SiteFilter


@_documenter("communes du département", "une commune")
class CommuneViewSet(LectureSeuleViewSet):
    queryset = Commune.objects.order_by("nom")
    serializer_class = CommuneSerializer
    filterset_class = CommuneFilter
