"""Who reaches the evaluation pages and API: administrators and référents thématiques; anyone else gets a 404."""

from pacte.access import permission_api, role_requis
from pacte.permissions import est_actif, est_administrateur


def voit_evaluation(user) -> bool:
    return est_actif(user) and (est_administrateur(user) or user.est_referent_thematique)


evaluation_requise = role_requis(voit_evaluation)
PermissionEvaluation = permission_api(
    voit_evaluation, "Réservé aux administrateurs et aux référents thématiques, comme le tableau de bord."
)
