"""Pagination of every API list (its own module: DRF settings import it early).

`page` and `taille` are checked, not guessed: DRF would silently use 50 rows for `taille=-1`, `abc` or
`null`, cap `taille=1000` to the maximum, and answer 404 for `page=0`. A bad value is a bad request (400,
French message, per parameter); a page past the last one stays a 404. The schema says the same bounds.
"""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

TAILLE_PAR_DEFAUT = 50
TAILLE_MAXIMALE = 200


def _entier_positif(valeur: str) -> int | None:
    valeur = valeur.strip()
    if not (valeur.isascii() and valeur.isdigit()):
        return None
    nombre = int(valeur)
    return nombre if nombre >= 1 else None


class PaginationPacte(PageNumberPagination):
    page_size = TAILLE_PAR_DEFAUT
    page_size_query_param = "taille"
    max_page_size = TAILLE_MAXIMALE
    last_page_strings = ()
    page_query_description = "Numéro de la page de résultats, à partir de 1 (1 par défaut)."
    page_size_query_description = (
        f"Nombre de résultats par page, de 1 à {TAILLE_MAXIMALE} ({TAILLE_PAR_DEFAUT} par défaut)."
    )
    invalid_page_message = "Page introuvable : cette page de résultats n'existe pas."

    def get_page_size(self, request):
        if self.page_size_query_param not in request.query_params:
            return self.page_size
        taille = _entier_positif(request.query_params[self.page_size_query_param])
        if taille is None or taille > self.max_page_size:
            raise ValidationError({"taille": [f"La taille de page est un nombre entier de 1 à {self.max_page_size}."]})
        return taille

    def get_page_number(self, request, paginator):
        if self.page_query_param not in request.query_params:
            return 1
        numero = _entier_positif(request.query_params[self.page_query_param])
        if numero is None:
            raise ValidationError({"page": ["Le numéro de page est un nombre entier à partir de 1."]})
        return numero

    def get_schema_operation_parameters(self, view):
        parametres = super().get_schema_operation_parameters(view)
        bornes = {
            self.page_query_param: {"type": "integer", "minimum": 1, "default": 1},
            self.page_size_query_param: {
                "type": "integer",
                "minimum": 1,
                "maximum": self.max_page_size,
                "default": self.page_size,
            },
        }
        for parametre in parametres:
            parametre["schema"] = bornes[parametre["name"]]
        return parametres
