"""Who may act on the parcours of named people. Which parcours each one sees is ParcoursQuerySet.visible_par."""

from pacte.access import permission_api, role_requis
from pacte.models.utilisateurs import Role
from pacte.permissions import est_actif, est_administrateur


def suit_des_parcours(user) -> bool:
    """Social workers and MDD managers: the file active, the parcours page, its events."""
    return est_actif(user) and user.est_agent_mdd


def peut_orienter(user) -> bool:
    return est_actif(user) and (user.est_charge_orientation or user.est_agent_mdd)


def peut_creer_parcours(user) -> bool:
    return est_actif(user) and (user.est_agent_mdd or user.est_charge_orientation)


def peut_prescrire(user) -> bool:
    return est_actif(user) and (user.est_agent_mdd or user.est_charge_orientation)


def peut_importer_entrants(user) -> bool:
    return est_actif(user) and (user.est_charge_orientation or est_administrateur(user))


def recoit_des_prescriptions(user) -> bool:
    """A partner account attached to its structure: the prescriptions addressed to its actions."""
    return est_actif(user) and user.est_partenaire and user.partenaire_id is not None


suivi_requis = role_requis(suit_des_parcours)
orientation_requise = role_requis(peut_orienter)
creation_requise = role_requis(peut_creer_parcours)
prescription_requise = role_requis(peut_prescrire)
import_requis = role_requis(peut_importer_entrants)
partenaire_requis = role_requis(recoit_des_prescriptions)
PermissionPartenaire = permission_api(
    recoit_des_prescriptions, "Réservé aux comptes partenaires : les prescriptions reçues par votre structure."
)


def pilote_une_mdd(user) -> bool:
    """The responsable de MDD: the page of their MDD (its figures, the caseload of each référent) and its export."""
    return est_actif(user) and user.role == Role.RESPONSABLE_MDD


pilotage_mdd_requis = role_requis(pilote_une_mdd)


def peut_decider_reorientation(user) -> bool:
    """A chargé d'orientation (département-wide) or a responsable de MDD (their MDD's requests)."""
    return est_actif(user) and user.role in (Role.CHARGE_ORIENTATION, Role.RESPONSABLE_MDD)


decision_reorientation_requise = role_requis(peut_decider_reorientation)
