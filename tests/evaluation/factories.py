import datetime

import factory
from factory.django import DjangoModelFactory

from evaluation.models import BilanAnnuel, ComitePilotage, DecisionComite, NarratifThematique
from tests.pacte.factories import UserFactory


class BilanAnnuelFactory(DjangoModelFactory):
    class Meta:
        model = BilanAnnuel

    annee = 2025
    version = 1
    cree_par = factory.SubFactory(UserFactory, administrateur=True)


class NarratifThematiqueFactory(DjangoModelFactory):
    class Meta:
        model = NarratifThematique

    bilan = factory.SubFactory(BilanAnnuelFactory)
    thematique = factory.SubFactory("tests.pacte.factories.ThematiqueFactory")
    avancees = "Les ateliers collectifs ont été ouverts sur trois territoires."
    difficultes = "La mobilité reste un frein en milieu rural."


class ComitePilotageFactory(DjangoModelFactory):
    class Meta:
        model = ComitePilotage

    date = datetime.date(2025, 6, 15)
    periode_debut = datetime.date(2024, 6, 15)
    periode_fin = datetime.date(2025, 6, 14)
    participants = "Département (DAS), DDETS, CAF, France Travail, Région"


class DecisionComiteFactory(DjangoModelFactory):
    class Meta:
        model = DecisionComite

    comite = factory.SubFactory(ComitePilotageFactory)
    texte = "Renforcer l'offre de mobilité en milieu rural."
