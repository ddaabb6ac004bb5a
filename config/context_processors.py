from django.conf import settings

from config.navigation import menu_pour
from pacte.courant import pacte_courant
from pacte.marque import identite
from pacte.permissions import peut_changer_mot_de_passe


def site(request):
    user = getattr(request, "user", None)
    pacte = pacte_courant()
    return {
        "pacte_courant": pacte,
        "nom_departement": pacte.departement_nom if pacte else "Département",
        "marque": identite(),
        "menu": menu_pour(user, request.path) if user is not None else [],
        "DEBUG": settings.DEBUG,
        "mot_de_passe_modifiable": user is not None and peut_changer_mot_de_passe(user),
        "skiplinks": [
            {"link": "#contenu", "label": "Contenu"},
            {"link": "#navigation-principale", "label": "Menu"},
            {"link": "#pied-de-page", "label": "Pied de page"},
        ],
    }
