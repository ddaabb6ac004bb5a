from .journal import JournalAcces
from .referentiel import MDD, Commune, Objectif, Pacte, Site, Territoire, Thematique
from .utilisateurs import Role, User

__all__ = [
    "MDD",
    "Commune",
    "JournalAcces",
    "Objectif",
    "Pacte",
    "Role",
    "Site",
    "Territoire",
    "Thematique",
    "User",
]
