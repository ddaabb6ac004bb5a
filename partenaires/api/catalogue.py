"""The actions catalogue, read-only, with places left: Action.objects.catalogue_pour(user)."""

import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from pacte.api.base import LectureSeuleViewSet
from pacte.models import Site, Territoire, Thematique
from parcours import figures_actions as figures
from partenaires.models import Action, Partenaire
from partenaires.models.actions import StatutAction
from partenaires.permissions import PermissionCatalogue


class PartenaireResumeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partenaire
        fields = ["id", "raison_sociale", "nature"]


class ActionSerializer(serializers.ModelSerializer):
    partenaire = PartenaireResumeSerializer(read_only=True)
    places_restantes = serializers.IntegerField(
        read_only=True, help_text="Places conventionnées moins les personnes entrées dans l'action (0 au moins)."
    )
    nb_entree = serializers.IntegerField(read_only=True, help_text="Personnes entrées dans l'action.")

    class Meta:
        model = Action
        fields = [
            "id",
            "intitule",
            "description",
            "thematique",
            "objectif",
            "partenaire",
            "date_debut",
            "date_fin",
            "statut",
            "places",
            "nb_entree",
            "places_restantes",
            "public_cible",
            "territoires",
            "sites",
        ]


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filtrer_mots", label="Mots cherchés dans l'intitulé, la description, le public et le partenaire"
    )
    thematique = django_filters.ModelChoiceFilter(queryset=Thematique.objects.all(), label="Thématique")
    partenaire = django_filters.ModelChoiceFilter(queryset=Partenaire.objects.all(), label="Partenaire")
    territoire = django_filters.ModelChoiceFilter(
        queryset=Territoire.objects.all(), field_name="territoires", label="Territoire desservi"
    )
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), field_name="sites", label="Site")
    statut = django_filters.ChoiceFilter(choices=StatutAction.choices, label="Statut de l'action")
    ouverte_le = django_filters.DateFilter(
        method="filtrer_ouverte_le", label="Actions ouvertes à cette date (AAAA-MM-JJ)"
    )
    places_libres = django_filters.BooleanFilter(
        method="filtrer_places", label="Seulement les actions avec des places libres"
    )

    class Meta:
        model = Action
        fields = []

    def filtrer_mots(self, queryset, name, value):
        for mot in value.split():
            queryset = queryset.filter(
                Q(intitule__icontains=mot)
                | Q(description__icontains=mot)
                | Q(public_cible__icontains=mot)
                | Q(partenaire__raison_sociale__icontains=mot)
            )
        return queryset

    def filtrer_ouverte_le(self, queryset, name, value):
        return queryset.ouvertes_le(value)

    def filtrer_places(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(places_restantes__gt=0) if value else queryset.filter(places_restantes=0)


@extend_schema_view(
    list=extend_schema(
        summary="Lister les actions du catalogue",
        description=(
            "Le catalogue des actions (ouvert aux personnes de toutes les MDD), avec les places restantes. "
            "Filtres : thématique, partenaire, territoire, site, statut, date d'ouverture, places libres, mots."
        ),
    ),
    retrieve=extend_schema(summary="Lire une action du catalogue", description="Une action et ses places restantes."),
)
class ActionViewSet(LectureSeuleViewSet):
    permission_classes = [*LectureSeuleViewSet.permission_classes, PermissionCatalogue]
    serializer_class = ActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        return (
            figures.avec_places(Action.objects.catalogue_pour(self.request.user))
            .select_related("partenaire")
            .prefetch_related("territoires", "sites")
            .order_by("intitule", "pk")
        )
