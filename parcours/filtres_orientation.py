"""Filters of the chargé d'orientation's queue: search by name or numéro, MDD, territory, waiting time against
the référentiel's target delay, and the people opened by one import."""

from datetime import timedelta

import django_filters
from django import forms

from pacte.forms import FiltresForm
from pacte.models import MDD, Territoire
from pacte.referentiel import delai_orientation_jours
from pacte.text import normaliser
from pacte.widgets import SelectRapide
from parcours.calendrier import aujourdhui


class Attente:
    AU_DELA = "au_dela"
    DANS_LE_DELAI = "dans_le_delai"


class AOrienterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="rechercher", label="Nom, prénom ou numéro allocataire")
    mdd = django_filters.ModelChoiceFilter(
        label="MDD", queryset=MDD.objects.order_by("nom"), empty_label="Toutes", widget=SelectRapide
    )
    territoire = django_filters.ModelChoiceFilter(
        label="Territoire",
        field_name="mdd__territoire",
        queryset=Territoire.objects.order_by("nom"),
        empty_label="Tous",
        widget=SelectRapide,
    )
    attente = django_filters.ChoiceFilter(
        label="Attente", choices=[], method="filtrer_attente", empty_label="Toutes", widget=SelectRapide
    )
    # From the result page of an import: the people it opened. Hidden: it is a link, not a criterion one types.
    import_fichier = django_filters.NumberFilter(field_name="import_fichier", widget=forms.HiddenInput)

    class Meta:
        form = FiltresForm
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.delai = delai_orientation_jours()
        choix = [
            (Attente.AU_DELA, f"Plus de {self.delai} jours (au-delà du délai cible)"),
            (Attente.DANS_LE_DELAI, f"{self.delai} jours ou moins"),
        ]
        self.filters["attente"].extra["choices"] = choix

    def rechercher(self, queryset, name, value):
        texte = normaliser(value)
        if texte.replace(" ", "").isdigit():
            return queryset.filter(beneficiaire__numero_allocataire__startswith=texte.replace(" ", ""))
        for mot in texte.split():
            queryset = queryset.filter(nom_tri__contains=mot)
        return queryset

    def filtrer_attente(self, queryset, name, value):
        seuil = aujourdhui() - timedelta(days=self.delai)
        if value == Attente.AU_DELA:
            return queryset.filter(date_entree__lt=seuil)
        return queryset.filter(date_entree__gte=seuil)
