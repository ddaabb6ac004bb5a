from .actions import Action, Ajustement, ObjectifAction, ResultatAction
from .financements import Cofinancement, Financement, Versement
from .groupes import DecisionReunion, GroupeTravail, MembreGroupe, ReunionGroupe
from .structures import ContactPartenaire, Partenaire

__all__ = [
    "Action",
    "Ajustement",
    "Cofinancement",
    "ContactPartenaire",
    "DecisionReunion",
    "Financement",
    "GroupeTravail",
    "MembreGroupe",
    "ObjectifAction",
    "Partenaire",
    "ResultatAction",
    "ReunionGroupe",
    "Versement",
]
