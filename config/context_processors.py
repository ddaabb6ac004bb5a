from django.conf import settings

from config.navigation import menu_pour
from pacte.courant import pacte_courant
from pacte.marque import identite
from pacte.permissions import peut_changer_mot_de_passe


def site(request):
    user = getattr(request, "user", None)
    pacte = pacte_courant()
    menu = menu_pour(user, request.path) if user is not None else []
    # The first focusable elements of every page: the content, the menu when there is one, the footer; a page with a
    # search form (base.html: its view passes a «filtre») also gets a link to it, placed second.
    evitement = [{"link": "#contenu", "label": "Aller au contenu"}]
    if menu:
        evitement.append({"link": "#navigation-principale", "label": "Aller au menu"})
    pied = {"link": "#pied-de-page", "label": "Aller au pied de page"}
    recherche = {"link": "#recherche", "label": "Aller à la recherche"}
    return {
        "pacte_courant": pacte,
        "nom_departement": pacte.departement_nom if pacte else "Département",
        "marque": identite(),
        "menu": menu,
        "DEBUG": settings.DEBUG,
        "mot_de_passe_modifiable": user is not None and peut_changer_mot_de_passe(user),
        "skiplinks": [*evitement, pied],
        "skiplinks_recherche": [evitement[0], recherche, *evitement[1:], pied],
    }
