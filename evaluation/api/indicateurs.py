"""Aggregate indicators of the pact for a period and filters (evaluation.indicateurs.calculer_indicateurs)."""

import datetime
from dataclasses import asdict

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from evaluation.indicateurs import Filtres, calculer_indicateurs, fiche, fiches_en_json, valider_jour_de_periode
from evaluation.permissions import PermissionEvaluation
from pacte.api.base import SansRedirectionConnexion
from pacte.choices import Milieu
from pacte.models import MDD, Territoire, Thematique


class ParametresSerializer(serializers.Serializer):
    debut = serializers.DateField(
        required=False,
        help_text="Début de la période (AAAA-MM-JJ) ; 1er janvier par défaut.",
        validators=[valider_jour_de_periode],
    )
    fin = serializers.DateField(
        required=False,
        help_text="Fin de la période (AAAA-MM-JJ) ; aujourd'hui par défaut.",
        validators=[valider_jour_de_periode],
    )
    thematique = serializers.PrimaryKeyRelatedField(queryset=Thematique.objects.all(), required=False)
    mdd = serializers.PrimaryKeyRelatedField(queryset=MDD.objects.all(), required=False)
    territoire = serializers.PrimaryKeyRelatedField(queryset=Territoire.objects.all(), required=False)
    milieu = serializers.ChoiceField(choices=Milieu.choices, required=False)

    def validate(self, donnees):
        aujourdhui = timezone.localdate()
        donnees.setdefault("fin", aujourdhui)
        donnees.setdefault("debut", datetime.date(donnees["fin"].year, 1, 1))
        if donnees["debut"] > donnees["fin"]:
            raise serializers.ValidationError({"debut": "Le début de la période doit précéder sa fin."})
        return donnees


class IndicateurSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Code stable de l'indicateur.")
    libelle = serializers.CharField(help_text="Libellé en français.")
    valeur = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        coerce_to_string=False,
        allow_null=True,
        help_text="Valeur ; null quand elle ne peut pas être calculée (aucune donnée), jamais 0 à la place.",
    )
    unite = serializers.CharField(help_text="Unité (personnes, %, jours, euros…).")
    groupe = serializers.CharField(help_text="Famille d'indicateurs (stock et flux, orientation…).")
    alerte = serializers.CharField(help_text="Signalement (un taux au-delà de 100 %), vide sinon.")
    fiche = serializers.DictField(
        help_text="La fiche de l'indicateur : sa définition écrite (voir /indicateurs/fiches/)."
    )


class FicheSerializer(serializers.Serializer):
    code = serializers.CharField()
    libelle = serializers.CharField()
    groupe = serializers.CharField()
    unite = serializers.CharField()
    population = serializers.CharField()
    numerateur = serializers.CharField(help_text="Ce qui est compté.")
    denominateur = serializers.CharField(help_text="Ce à quoi il est rapporté (sans objet pour un nombre).")
    observation = serializers.CharField(help_text="Date ou période d'observation.")
    exclusions = serializers.CharField()
    limites = serializers.CharField(help_text="Limites connues.")
    ventilation = serializers.CharField(help_text="Si les ventilations s'additionnent au total.")


class FiltresSerializer(serializers.Serializer):
    thematique = serializers.IntegerField(allow_null=True)
    mdd = serializers.IntegerField(allow_null=True)
    territoire = serializers.IntegerField(allow_null=True)
    milieu = serializers.CharField(allow_null=True)


class ReponseIndicateursSerializer(serializers.Serializer):
    debut = serializers.DateField()
    fin = serializers.DateField()
    filtres = FiltresSerializer(help_text="Filtres appliqués.")
    indicateurs = IndicateurSerializer(many=True)


class IndicateursView(SansRedirectionConnexion, APIView):
    permission_classes = [permissions.IsAuthenticated, PermissionEvaluation]

    @extend_schema(
        summary="Indicateurs agrégés du pacte",
        description=(
            "Les indicateurs du pacte (stock et flux, orientation, accompagnement, actions, freins) pour une "
            "période, filtrables par thématique, MDD, territoire et milieu. Des agrégats, sans donnée nominative. "
            "Réservé aux administrateurs et aux référents thématiques."
        ),
        parameters=[
            OpenApiParameter("debut", OpenApiTypes.DATE, description="Début de la période ; 1er janvier par défaut."),
            OpenApiParameter("fin", OpenApiTypes.DATE, description="Fin de la période ; aujourd'hui par défaut."),
            OpenApiParameter("thematique", OpenApiTypes.INT, description="Identifiant d'une thématique."),
            OpenApiParameter("mdd", OpenApiTypes.INT, description="Identifiant d'une MDD."),
            OpenApiParameter("territoire", OpenApiTypes.INT, description="Identifiant d'un territoire."),
            OpenApiParameter("milieu", OpenApiTypes.STR, enum=Milieu.values, description="Milieu de la commune."),
        ],
        responses=ReponseIndicateursSerializer,
    )
    def get(self, request):
        parametres = ParametresSerializer(data=request.query_params)
        parametres.is_valid(raise_exception=True)
        p = parametres.validated_data
        filtres = Filtres(
            thematique=p["thematique"].pk if p.get("thematique") else None,
            mdd=p["mdd"].pk if p.get("mdd") else None,
            territoire=p["territoire"].pk if p.get("territoire") else None,
            milieu=p.get("milieu") or None,
        )
        indicateurs = calculer_indicateurs(p["debut"], p["fin"], filtres)
        donnees = {
            "debut": p["debut"],
            "fin": p["fin"],
            "filtres": {
                "thematique": filtres.thematique,
                "mdd": filtres.mdd,
                "territoire": filtres.territoire,
                "milieu": filtres.milieu,
            },
            "indicateurs": [
                {
                    "code": i.code,
                    "libelle": i.libelle,
                    "valeur": i.valeur,
                    "unite": i.unite,
                    "groupe": i.groupe,
                    "alerte": i.alerte,
                    "fiche": asdict(fiche(i.code)),
                }
                for i in indicateurs.values()
            ],
        }
        return Response(ReponseIndicateursSerializer(donnees).data)


class FichesView(SansRedirectionConnexion, APIView):
    permission_classes = [permissions.IsAuthenticated, PermissionEvaluation]

    @extend_schema(
        summary="Fiches des indicateurs",
        description="La définition écrite de chaque indicateur (population, numérateur, dénominateur, date "
        "d'observation, unité, exclusions, limites connues), celle que suivent le calcul, les pages et les PDF.",
        responses=FicheSerializer(many=True),
    )
    def get(self, request):
        return Response(FicheSerializer(fiches_en_json(), many=True).data)
