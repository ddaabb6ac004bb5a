import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from partenaires.models import (
    Action,
    Ajustement,
    Cofinancement,
    ContactPartenaire,
    DecisionReunion,
    Financement,
    GroupeTravail,
    MembreGroupe,
    ObjectifAction,
    Partenaire,
    ResultatAction,
    ReunionGroupe,
    Versement,
)
from partenaires.models.structures import NaturePartenaire
from tests.pacte.factories import ObjectifFactory, UserFactory

# Valid SIRET (Luhn) built from a sequence: 13 digits then the check digit.


def _siret(n: int) -> str:
    base = f"{(123456780000 + n):013d}"
    for check in range(10):
        candidate = base + str(check)
        from partenaires.validators import siret_valide

        if siret_valide(candidate):
            return candidate
    raise AssertionError("pas de clé trouvée")


class PartenaireFactory(DjangoModelFactory):
    class Meta:
        model = Partenaire

    siret = factory.Sequence(_siret)
    raison_sociale = factory.Sequence(lambda n: f"Association Insertion {n}")
    nature = NaturePartenaire.ASSOCIATION


class FinancementFactory(DjangoModelFactory):
    class Meta:
        model = Financement

    partenaire = factory.SubFactory(PartenaireFactory)
    type = "convention"
    reference = factory.Sequence(lambda n: f"CONV-{n:05d}")
    intitule = factory.Sequence(lambda n: f"Convention {n}")
    date_debut = datetime.date(2025, 1, 1)
    date_fin = datetime.date(2026, 12, 31)
    montant_conventionne = Decimal("50000.00")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    intitule = factory.Sequence(lambda n: f"Action d'insertion {n}")
    objectif = factory.SubFactory(ObjectifFactory)
    thematique = factory.SelfAttribute("objectif.thematique")
    partenaire = factory.SubFactory(PartenaireFactory)
    financement = factory.SubFactory(FinancementFactory, partenaire=factory.SelfAttribute("..partenaire"))
    date_debut = datetime.date(2025, 1, 1)
    date_fin = datetime.date(2027, 12, 31)
    statut = "ouverte"
    places = 10


class ObjectifActionFactory(DjangoModelFactory):
    class Meta:
        model = ObjectifAction

    action = factory.SubFactory(ActionFactory)
    indicateur = "participants"
    valeur_cible = 20


class VersementFactory(DjangoModelFactory):
    class Meta:
        model = Versement

    financement = factory.SubFactory(FinancementFactory)
    nature = "avance"
    date = datetime.date(2025, 2, 1)
    montant = Decimal("10000.00")


class ResultatActionFactory(DjangoModelFactory):
    class Meta:
        model = ResultatAction

    action = factory.SubFactory(ActionFactory)
    periode_debut = datetime.date(2025, 1, 1)
    periode_fin = datetime.date(2025, 6, 30)
    participants = 8
    heures = 120


class AjustementFactory(DjangoModelFactory):
    class Meta:
        model = Ajustement

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2025, 4, 1)
    auteur = factory.SubFactory(UserFactory, referent_thematique=True)
    objet = "Point d'étape"
    decision = "Maintien des objectifs."


class GroupeTravailFactory(DjangoModelFactory):
    class Meta:
        model = GroupeTravail
        django_get_or_create = ("thematique",)

    thematique = factory.SubFactory("tests.pacte.factories.ThematiqueFactory")
    nom = factory.LazyAttribute(lambda o: f"Groupe de travail {o.thematique.numero}")


class CofinancementFactory(DjangoModelFactory):
    class Meta:
        model = Cofinancement

    financement = factory.SubFactory(FinancementFactory)
    financeur = "fse_plus"
    montant = Decimal("20000.00")


class ContactPartenaireFactory(DjangoModelFactory):
    class Meta:
        model = ContactPartenaire

    partenaire = factory.SubFactory(PartenaireFactory)
    nom = factory.Faker("name", locale="fr_FR")
    fonction = "Directrice"


class MembreGroupeFactory(DjangoModelFactory):
    class Meta:
        model = MembreGroupe

    groupe = factory.SubFactory(GroupeTravailFactory)
    nom = factory.Faker("name", locale="fr_FR")
    structure = "Département de la Haute-Vienne"


class ReunionGroupeFactory(DjangoModelFactory):
    class Meta:
        model = ReunionGroupe

    groupe = factory.SubFactory(GroupeTravailFactory)
    date = datetime.date(2025, 3, 15)
    ordre_du_jour = "Bilan du premier trimestre."


class DecisionReunionFactory(DjangoModelFactory):
    class Meta:
        model = DecisionReunion

    reunion = factory.SubFactory(ReunionGroupeFactory)
    texte = "Augmenter le nombre de places."


def action_ouverte(**kwargs):
    """An action open today, the only ones the catalogue lists."""
    aujourdhui = timezone.localdate()
    kwargs.setdefault("date_debut", aujourdhui - datetime.timedelta(days=30))
    kwargs.setdefault("date_fin", aujourdhui + datetime.timedelta(days=300))
    return ActionFactory(**kwargs)
