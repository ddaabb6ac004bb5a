"""Demo data set: the context shared by every app's demo module, and the demo accounts."""

import datetime
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from faker import Faker

from pacte.models import MDD, Role, Thematique, User

DEMO_DOMAIN = "demo.pacte.fr"
DEMO_PASSWORD = "Demo-Pacte-2026!"

# Role value → (e-mail, first name, last name). One account per role (issue: socle).
COMPTES_DEMO = {
    Role.TRAVAILLEUR_SOCIAL: ("travailleur.social", "Camille", "Dupuy"),
    Role.RESPONSABLE_MDD: ("responsable.mdd", "Nathalie", "Lacroix"),
    Role.CHARGE_ORIENTATION: ("charge.orientation", "Julien", "Marchand"),
    Role.REFERENT_THEMATIQUE: ("referent.thematique", "Sophie", "Bernard"),
    Role.PARTENAIRE: ("partenaire", "Karim", "Benali"),
    Role.ADMINISTRATEUR: ("administrateur", "Hélène", "Vergnaud"),
}
MDD_DEMO = "LIM-CARMES"
THEMATIQUES_DEMO = (1, 4)


@dataclass
class DemoContexte:
    rng: random.Random
    faker: Faker
    aujourdhui: datetime.date
    nb_beneficiaires: int = 3000
    comptes: dict = field(default_factory=dict)
    donnees: dict = field(default_factory=dict)

    @classmethod
    def cree(cls, seed: int, aujourdhui: datetime.date, nb_beneficiaires: int = 3000):
        faker = Faker("fr_FR")
        faker.seed_instance(seed)
        return cls(rng=random.Random(seed), faker=faker, aujourdhui=aujourdhui, nb_beneficiaires=nb_beneficiaires)


def email_demo(role) -> str:
    return f"{COMPTES_DEMO[role][0]}@{DEMO_DOMAIN}"


def creer_comptes_demo(partenaire=None) -> dict:
    """Create (or refresh) one account per role. Never in production: demo passwords are public."""
    if not settings.PACTE_AUTORISER_COMPTES_DEMO:
        raise ImproperlyConfigured("Les comptes de démonstration ne sont jamais créés quand DEBUG est désactivé.")
    mdd = MDD.objects.filter(code=MDD_DEMO).first() or MDD.objects.order_by("pk").first()
    thematiques = list(Thematique.objects.filter(numero__in=THEMATIQUES_DEMO))
    comptes = {}
    for role, (local, prenom, nom) in COMPTES_DEMO.items():
        if role == Role.PARTENAIRE and partenaire is None:
            continue
        user, _ = User.objects.update_or_create(
            email=f"{local}@{DEMO_DOMAIN}",
            defaults={
                "first_name": prenom,
                "last_name": nom,
                "role": role,
                "partenaire": partenaire if role == Role.PARTENAIRE else None,
                "is_staff": role == Role.ADMINISTRATEUR,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if role in (Role.TRAVAILLEUR_SOCIAL, Role.RESPONSABLE_MDD) and mdd:
            user.mdds.set([mdd])
        if role == Role.REFERENT_THEMATIQUE:
            user.thematiques.set(thematiques)
        comptes[role.value] = user
    return comptes
