import datetime

import factory
from factory.django import DjangoModelFactory

from pacte.choices import Milieu
from pacte.models import MDD, Commune, Objectif, Pacte, Role, Site, Territoire, Thematique, User


class PacteFactory(DjangoModelFactory):
    class Meta:
        model = Pacte
        django_get_or_create = ("departement_code", "date_debut")

    departement_code = "87"
    departement_nom = "Haute-Vienne"
    nom = "Pacte territorial d'insertion 2022-2025"
    date_debut = datetime.date(2022, 1, 1)
    date_fin = datetime.date(2025, 12, 31)
    date_adoption = datetime.date(2022, 3, 28)


class ThematiqueFactory(DjangoModelFactory):
    class Meta:
        model = Thematique

    pacte = factory.SubFactory(PacteFactory)
    numero = factory.Sequence(lambda n: n + 1)
    intitule = factory.Sequence(lambda n: f"Thématique {n + 1}")


class ObjectifFactory(DjangoModelFactory):
    class Meta:
        model = Objectif

    thematique = factory.SubFactory(ThematiqueFactory)
    code = factory.Sequence(lambda n: f"O{n}")
    intitule = factory.Sequence(lambda n: f"Objectif {n}")


class TerritoireFactory(DjangoModelFactory):
    class Meta:
        model = Territoire

    code = factory.Sequence(lambda n: f"T{n}")
    nom = factory.Sequence(lambda n: f"Territoire {n}")


class MDDFactory(DjangoModelFactory):
    class Meta:
        model = MDD

    code = factory.Sequence(lambda n: f"MDD{n}")
    nom = factory.Sequence(lambda n: f"MDD numéro {n}")
    territoire = factory.SubFactory(TerritoireFactory)


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune

    code_insee = factory.Sequence(lambda n: f"87{n % 1000:03d}")
    nom = factory.Sequence(lambda n: f"Commune {n}")
    code_postal = "87000"
    mdd = factory.SubFactory(MDDFactory)
    milieu = Milieu.URBAIN


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    mdd = factory.SubFactory(MDDFactory)
    nom = factory.Sequence(lambda n: f"Site {n}")
    commune = factory.SubFactory(CommuneFactory, mdd=factory.SelfAttribute("..mdd"))
    milieu = Milieu.URBAIN


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@departement.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.TRAVAILLEUR_SOCIAL
    password = factory.django.Password("mot-de-passe-de-test")

    @factory.post_generation
    def mdds(self, create, extracted, **kwargs):
        if create and extracted:
            self.mdds.set(extracted)

    @factory.post_generation
    def thematiques(self, create, extracted, **kwargs):
        if create and extracted:
            self.thematiques.set(extracted)

    class Params:
        travailleur_social = factory.Trait(role=Role.TRAVAILLEUR_SOCIAL)
        responsable_mdd = factory.Trait(role=Role.RESPONSABLE_MDD)
        charge_orientation = factory.Trait(role=Role.CHARGE_ORIENTATION)
        referent_thematique = factory.Trait(role=Role.REFERENT_THEMATIQUE)
        administrateur = factory.Trait(role=Role.ADMINISTRATEUR)
        partenaire_user = factory.Trait(
            role=Role.PARTENAIRE, partenaire=factory.SubFactory("tests.partenaires.factories.PartenaireFactory")
        )
