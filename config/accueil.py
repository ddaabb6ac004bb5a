"""The home dispatcher: what each role sees first, built by the app that owns the figures."""

from config.accueil_admin import accueil_administrateur
from pacte.accueil import Accueil
from pacte.models.utilisateurs import Role
from parcours import avis
from parcours.accueil import accueil_agent_mdd, accueil_charge_orientation
from parcours.accueil_partenaires import accueil_partenaire, accueil_referent_thematique

CONSTRUCTEURS = {
    Role.TRAVAILLEUR_SOCIAL: accueil_agent_mdd,
    Role.RESPONSABLE_MDD: accueil_agent_mdd,
    Role.CHARGE_ORIENTATION: accueil_charge_orientation,
    Role.REFERENT_THEMATIQUE: accueil_referent_thematique,
    Role.PARTENAIRE: accueil_partenaire,
    Role.ADMINISTRATEUR: accueil_administrateur,
}


def accueil_pour(user) -> Accueil:
    role = Role.ADMINISTRATEUR if user.is_superuser else user.role
    constructeur = CONSTRUCTEURS.get(role)
    if constructeur is None:
        return Accueil(
            titre="Accueil",
            introduction="Votre compte n'a pas encore de rôle : adressez-vous à l'administrateur.",
        )
    page = constructeur(user)
    page.avis = avis.non_lus(user)
    return page
