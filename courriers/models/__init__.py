from courriers.models.agenda import Creneau, Reservation
from courriers.models.envois import (
    Consentement,
    Convocation,
    Invitation,
    Message,
    OppositionSms,
    RappelFournisseur,
    TransitionMessage,
)
from courriers.models.modeles import ModeleCourrier, VersionModele
from courriers.models.parametres import ParametresCourriers

__all__ = [
    "Consentement",
    "Convocation",
    "Creneau",
    "Invitation",
    "Message",
    "ModeleCourrier",
    "OppositionSms",
    "ParametresCourriers",
    "RappelFournisseur",
    "Reservation",
    "TransitionMessage",
    "VersionModele",
]
