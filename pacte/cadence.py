"""A per-key limit of actions per minute, counted in the default cache (as DRF's throttles are).

Fixed windows of `fenetre` seconds: at most `limite` actions per key and window. With the per-process
memory cache of the default settings, each worker counts on its own: the limit is per worker, which still
turns an unlimited scan into a slow one; a shared cache makes it exact."""

import time

from django.core.cache import cache


def cadence_depassee(cle: str, limite: int, fenetre: int = 60) -> bool:
    """Count one action under `cle`; True when it is beyond `limite` in the current window."""
    tranche = int(time.time()) // fenetre
    cle_tranche = f"pacte:cadence:{cle}:{tranche}"
    cache.add(cle_tranche, 0, timeout=fenetre * 2)
    try:
        nombre = cache.incr(cle_tranche)
    except ValueError:  # expired between add and incr
        cache.set(cle_tranche, 1, timeout=fenetre * 2)
        nombre = 1
    return nombre > limite
