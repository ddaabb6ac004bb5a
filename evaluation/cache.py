"""The dashboard's figures, computed once and served to everyone for a few minutes.

A whole year on the largest département takes about a second of database work; the same figures for
the same period and filters are asked by several people in a row (and again on every filter change
back). They are kept in the shared cache `indicateurs` for PACTE_FRAICHEUR_INDICATEURS seconds,
stamped with their computation time, which the page shows next to a «Recalculer» button.

The key holds every input of the computation (period and filters, never the user: the dashboard shows
aggregates only) and FORMAT, to bump when the content's shape changes so that a deploy never reads
figures pickled by older code.
"""

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from evaluation.indicateurs import Filtres
from evaluation.tableau import contenu_tableau_de_bord

FORMAT = 1


def cle(debut, fin, filtres: Filtres) -> str:
    valeurs = (filtres.thematique, filtres.mdd, filtres.territoire, filtres.milieu)
    return f"tableau:{FORMAT}:{debut:%Y%m%d}:{fin:%Y%m%d}:" + ":".join(str(v or "") for v in valeurs)


def tableau_de_bord(debut, fin, filtres: Filtres, *, recalculer: bool = False) -> dict:
    """The dashboard's content, with `calcule_le`: from the cache unless absent, expired or asked fresh."""
    cache = caches["indicateurs"]
    k = cle(debut, fin, filtres)
    if not recalculer and (contenu := cache.get(k)) is not None:
        return contenu
    contenu = {**contenu_tableau_de_bord(debut, fin, filtres), "calcule_le": timezone.now()}
    cache.set(k, contenu, settings.PACTE_FRAICHEUR_INDICATEURS)
    return contenu
