import django_filters
from django import forms

from pacte.forms import FiltresForm
from pacte.models import JournalAcces, User


class JournalAccesFilter(django_filters.FilterSet):
    utilisateur = django_filters.ModelChoiceFilter(queryset=User.objects.all(), label="Utilisateur")
    beneficiaire_id = django_filters.NumberFilter(label="Numéro interne de la personne")
    date_min = django_filters.DateFilter(
        field_name="date", lookup_expr="date__gte", label="Du", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_max = django_filters.DateFilter(
        field_name="date", lookup_expr="date__lte", label="Au", widget=forms.DateInput(attrs={"type": "date"})
    )
    nature = django_filters.ChoiceFilter(choices=JournalAcces.Nature.choices, label="Nature")

    class Meta:
        model = JournalAcces
        fields = ["utilisateur", "beneficiaire_id", "nature"]
        form = FiltresForm
