from django.conf import settings

from config.navigation import menu_pour
from pacte.courant import pacte_courant
from pacte.marque import identite


def site(request):
    user = getattr(request, "user", None)
    pacte = pacte_courant()
    return {
        "pacte_courant": pacte,
        "nom_departement": pacte.departement_nom if pacte else "Département",
        "marque": identite(),
        "menu": menu_pour(user, request.path) if user is not None else [],
        "DEBUG": settings.DEBUG,
        "skiplinks": [
            {"link": "#contenu", "label": "Contenu"},
            {"link": "#navigation-principale", "label": "Menu"},
            {"link": "#pied-de-page", "label": "Pied de page"},
        ],
    }
