from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save

from pacte.navigation import menu_pour

# The pact names the header of every page and changes a few times a decade: read once a minute per worker
# process, and at once in the process that saves it, instead of one query per page.
CLE_PACTE = "pacte:courant"
FRAICHEUR_PACTE = 60


def pacte_courant():
    from pacte.models import Pacte

    cache = caches["default"]
    # Wrapped in a tuple: «no pact yet» (None) is kept too.
    en_cache = cache.get(CLE_PACTE)
    if en_cache is None:
        en_cache = (Pacte.courant(),)
        cache.set(CLE_PACTE, en_cache, FRAICHEUR_PACTE)
    return en_cache[0]


def _oublier_pacte(sender, **kwargs):
    caches["default"].delete(CLE_PACTE)


def brancher():
    from pacte.models import Pacte

    post_save.connect(_oublier_pacte, sender=Pacte, dispatch_uid="pacte_courant_save")
    post_delete.connect(_oublier_pacte, sender=Pacte, dispatch_uid="pacte_courant_delete")


def site(request):
    user = getattr(request, "user", None)
    pacte = pacte_courant()
    return {
        "pacte_courant": pacte,
        "nom_departement": pacte.departement_nom if pacte else "Département",
        "menu": menu_pour(user, request.path) if user is not None else [],
        "DEBUG": settings.DEBUG,
        "skiplinks": [
            {"link": "#contenu", "label": "Contenu"},
            {"link": "#navigation-principale", "label": "Menu"},
            {"link": "#pied-de-page", "label": "Pied de page"},
        ],
    }
