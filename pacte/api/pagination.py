"""Pagination of every API list (its own module: DRF settings import it early)."""

from rest_framework.pagination import PageNumberPagination


class PaginationPacte(PageNumberPagination):
    page_size = 50
    page_size_query_param = "taille"
    max_page_size = 200
    page_query_description = "Numéro de la page de résultats (à partir de 1)."
    page_size_query_description = "Nombre de résultats par page (50 par défaut, 200 au plus)."
    invalid_page_message = "Page introuvable : cette page de résultats n'existe pas."
