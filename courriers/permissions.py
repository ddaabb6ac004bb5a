"""Who may use the agenda, invite, convene and edit the letters. Which records each one sees: courriers.querysets."""

from pacte.access import role_requis
from pacte.permissions import est_actif, est_administrateur


def gere_l_agenda(user) -> bool:
    """MDD agents keep the créneaux of their MDD's sites; the administrator sees them all."""
    return est_actif(user) and (user.est_agent_mdd or est_administrateur(user))


def peut_inviter(user) -> bool:
    """Those who follow or orient people reach them: MDD agents and orientation officers."""
    return est_actif(user) and (user.est_agent_mdd or user.est_charge_orientation)


def edite_les_modeles(user) -> bool:
    return est_administrateur(user)


agenda_requis = role_requis(gere_l_agenda)
invitation_requise = role_requis(peut_inviter)
modeles_requis = role_requis(edite_les_modeles)
