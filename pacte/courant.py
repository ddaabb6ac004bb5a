"""The pact in force, read once a minute per worker process.

It names the header of every page and changes a few times a decade: a cached read instead of one query per
page, forgotten at once in the process that saves or deletes a pact.
"""

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save

from pacte.models import Pacte

CLE_PACTE = "pacte:courant"
FRAICHEUR_PACTE = 60


def pacte_courant():
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
    post_save.connect(_oublier_pacte, sender=Pacte, dispatch_uid="pacte_courant_save")
    post_delete.connect(_oublier_pacte, sender=Pacte, dispatch_uid="pacte_courant_delete")
