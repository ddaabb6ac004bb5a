"""The filter backend of every API list: django-filter, plus a refusal of empty filter values.

django-filter ignores `?etat=` as if the filter were absent: a client that built its address from an empty
variable would get every row and believe they are filtered. An empty value of a declared filter is a
bad request (400, French message for that filter)."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


class FiltresPacte(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        classe = self.get_filterset_class(view, queryset)
        if classe is not None:
            vides = {
                nom: ["Ce filtre est vide : donnez-lui une valeur ou retirez-le de l'adresse."]
                for nom in classe.base_filters
                if nom in request.query_params
                and all(not valeur.strip() for valeur in request.query_params.getlist(nom))
            }
            if vides:
                raise ValidationError(vides)
        return super().get_filterset(request, queryset, view)
