"""Who may act on the partners' actions. Which actions each one follows is ActionQuerySet.gerees_par."""

from pacte.access import permission_api, role_requis
from pacte.permissions import est_actif, est_administrateur


def lit_le_catalogue(user) -> bool:
    """Prescribers and those who steer the actions; partners see their own actions, not the others'."""
    return est_actif(user) and (
        user.est_agent_mdd or user.est_charge_orientation or user.est_referent_thematique or est_administrateur(user)
    )


def suit_des_actions(user) -> bool:
    return est_actif(user) and (user.est_referent_thematique or est_administrateur(user) or user.est_partenaire)


def peut_ajuster(user) -> bool:
    """Ajustements are agreed by the référent thématique (or an administrator), never by the partner."""
    return est_actif(user) and (user.est_referent_thematique or est_administrateur(user))


def anime_les_groupes(user) -> bool:
    return est_actif(user) and (user.est_referent_thematique or est_administrateur(user))


def peut_gerer_action(user, action) -> bool:
    # type(action): the models import the querysets, which read the predicates above.
    return type(action).objects.gerees_par(user).filter(pk=action.pk).exists()


def peut_ajuster_action(user, action) -> bool:
    return peut_ajuster(user) and peut_gerer_action(user, action)


catalogue_requis = role_requis(lit_le_catalogue)
PermissionCatalogue = permission_api(
    lit_le_catalogue, "Réservé aux prescripteurs et au pilotage des actions : un partenaire lit ses propres actions."
)
suivi_des_actions_requis = role_requis(suit_des_actions)
ajustement_requis = role_requis(peut_ajuster)
groupes_requis = role_requis(anime_les_groupes)
