from .avis import Avis
from .beneficiaires import Beneficiaire
from .evenements import (
    ChangementReferent,
    ContratEngagement,
    Frein,
    Note,
    Orientation,
    RendezVous,
    Sortie,
    Transfert,
    TransitionContrat,
)
from .parcours import Parcours
from .prescriptions import Prescription, TransitionPrescription
from .reorientations import DemandeReorientation, EtatDemande, TransitionDemandeReorientation

__all__ = [
    "Avis",
    "Beneficiaire",
    "ChangementReferent",
    "ContratEngagement",
    "DemandeReorientation",
    "EtatDemande",
    "Frein",
    "Note",
    "Orientation",
    "Parcours",
    "Prescription",
    "RendezVous",
    "Sortie",
    "Transfert",
    "TransitionContrat",
    "TransitionDemandeReorientation",
    "TransitionPrescription",
]
