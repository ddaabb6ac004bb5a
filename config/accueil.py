"""The home dispatcher: what each role sees first, built by the app that owns the figures."""

from django.urls import reverse

from config.accueil_admin import accueil_administrateur
from pacte.accueil import Accueil, Tuile
from pacte.models.utilisateurs import Role
from pacte.text import pluriel
from parcours import avis
from parcours.accueil import accueil_agent_mdd, accueil_charge_orientation
from parcours.accueil_partenaires import accueil_partenaire, accueil_referent_thematique
from parcours.models import DemandeReorientation
from parcours.pilotage_mdd import chiffres_de_suivi, mdds_pilotees


def _tuile_reorientations(user) -> Tuile:
    nombre = DemandeReorientation.objects.a_decider_par(user).en_attente().count()
    libelle = pluriel(nombre, "demande de réorientation à décider", "demandes de réorientation à décider")
    return Tuile(libelle, nombre, lien=reverse("parcours:reorientations"))


def accueil_decideur_orientation(user) -> Accueil:
    page = accueil_charge_orientation(user)
    page.alertes.append(_tuile_reorientations(user))
    return page


def accueil_responsable_mdd(user) -> Accueil:
    """The MDD's file active, plus the way to the page of each MDD the manager runs."""
    page = accueil_agent_mdd(user)
    page.titre = "File active de la MDD"
    for mdd in mdds_pilotees(user):
        tuile = Tuile(
            f"Personnes sans référent unique — {mdd.nom}",
            chiffres_de_suivi(mdd)["sans_referent"],
            lien=reverse("page_mdd", args=[mdd.pk]),
            detail="La page de la MDD : ses chiffres, la charge de chaque référent, les personnes à suivre.",
        )
        page.tuiles.insert(0, tuile)
    page.alertes.append(_tuile_reorientations(user))
    return page


CONSTRUCTEURS = {
    Role.TRAVAILLEUR_SOCIAL: accueil_agent_mdd,
    Role.RESPONSABLE_MDD: accueil_responsable_mdd,
    Role.CHARGE_ORIENTATION: accueil_decideur_orientation,
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
