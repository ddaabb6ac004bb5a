from .demandes import DemandeAcces
from .droits import BaremeDroitsDevoirs
from .jetons import JetonAPI
from .journal import JournalAcces
from .referentiel import MDD, Commune, Marque, Objectif, Pacte, Site, Territoire, Thematique
from .taches import ImportFichier, TacheDeFond, TransitionImport
from .utilisateurs import Role, User

__all__ = [
    "BaremeDroitsDevoirs",
    "MDD",
    "Commune",
    "DemandeAcces",
    "ImportFichier",
    "JetonAPI",
    "JournalAcces",
    "Marque",
    "Objectif",
    "Pacte",
    "Role",
    "Site",
    "TacheDeFond",
    "Territoire",
    "Thematique",
    "TransitionImport",
    "User",
]
