from .journal import JournalAcces
from .referentiel import MDD, Commune, Marque, Objectif, Pacte, Site, Territoire, Thematique
from .taches import ImportFichier, TacheDeFond
from .utilisateurs import Role, User

__all__ = [
    "MDD",
    "Commune",
    "ImportFichier",
    "JournalAcces",
    "Marque",
    "Objectif",
    "Pacte",
    "Role",
    "Site",
    "TacheDeFond",
    "Territoire",
    "Thematique",
    "User",
]
