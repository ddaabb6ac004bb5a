from .decisions import Decision, Delegation, ExportOrganisme, MouvementOrganisme
from .ep import DossierEP, MembreEP, SeanceEP
from .heures import ActivitePlan, AmenagementHeures, HeuresRealisees
from .manquements import Manquement, Observation, TransitionManquement

__all__ = [
    "ActivitePlan",
    "AmenagementHeures",
    "Decision",
    "Delegation",
    "DossierEP",
    "ExportOrganisme",
    "HeuresRealisees",
    "Manquement",
    "MembreEP",
    "MouvementOrganisme",
    "Observation",
    "SeanceEP",
    "TransitionManquement",
]
