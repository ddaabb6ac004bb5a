"""Demo data of the partner side: partners, fundings, ~120 actions, working groups; then results and ajustements.

Deterministic (ctx.rng / ctx.faker only) and fast (bulk_create). `generer` runs before the parcours demo,
`completer` after it (results are derived from the prescriptions the parcours demo created).
"""

from .actions import generer
from .resultats import completer

__all__ = ["completer", "generer"]
