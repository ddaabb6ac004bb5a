"""Who reaches the evaluation pages: administrators and référents thématiques; anyone else gets a 404."""

from pacte.access import role_requis


def voit_evaluation(user) -> bool:
    return user.is_authenticated and user.is_active and (user.est_administrateur or user.est_referent_thematique)


evaluation_requise = role_requis(voit_evaluation)
