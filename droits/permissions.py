"""Who may act on the droits et devoirs. Which records each one sees is the querysets' job (droits.querysets);
who may decide is also a business rule (a delegation in force and a role the scale names: droits.decisions)."""

from pacte.access import role_requis
from pacte.models.utilisateurs import Role
from pacte.permissions import est_actif, est_administrateur


def suit_les_droits_et_devoirs(user) -> bool:
    """The MDD agents who follow the people: hours, manquements, letters, observations."""
    return est_actif(user) and user.est_agent_mdd


def peut_organiser_ep(user) -> bool:
    """The responsables of an MDD (for their territory) and the administrators set the sessions up."""
    return est_actif(user) and (user.role == Role.RESPONSABLE_MDD or est_administrateur(user))


def peut_decider(user) -> bool:
    """May open the decision page; the decision itself checks the delegation and the scale's roles."""
    return est_actif(user) and user.role == Role.RESPONSABLE_MDD


def siege_en_ep(user) -> bool:
    """Any account may sit in a session (outside members are partner accounts); the sessions querysets say which."""
    return est_actif(user)


droits_requis = role_requis(suit_les_droits_et_devoirs)
organisation_ep_requise = role_requis(peut_organiser_ep)
decision_requise = role_requis(peut_decider)
siege_requis = role_requis(siege_en_ep)
