"""What each role sees first: real counts from the database, computed by the app that owns them."""

from dataclasses import dataclass, field

from pacte.models.utilisateurs import Role


@dataclass
class Tuile:
    libelle: str
    valeur: int | str | None
    lien: str = ""
    detail: str = ""


@dataclass
class Accueil:
    titre: str
    introduction: str
    tuiles: list[Tuile] = field(default_factory=list)
    alertes: list[Tuile] = field(default_factory=list)


def accueil_pour(user) -> Accueil:
    from parcours.accueil import accueil_agent_mdd, accueil_charge_orientation
    from partenaires.accueil import accueil_partenaire, accueil_referent_thematique

    from .accueil_admin import accueil_administrateur

    role = Role.ADMINISTRATEUR if user.is_superuser else user.role
    builders = {
        Role.TRAVAILLEUR_SOCIAL: accueil_agent_mdd,
        Role.RESPONSABLE_MDD: accueil_agent_mdd,
        Role.CHARGE_ORIENTATION: accueil_charge_orientation,
        Role.REFERENT_THEMATIQUE: accueil_referent_thematique,
        Role.PARTENAIRE: accueil_partenaire,
        Role.ADMINISTRATEUR: accueil_administrateur,
    }
    builder = builders.get(role)
    if builder is None:
        return Accueil(
            titre="Accueil",
            introduction="Votre compte n'a pas encore de rôle : adressez-vous à l'administrateur.",
        )
    return builder(user)
