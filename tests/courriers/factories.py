import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from courriers.models import Creneau
from tests.pacte.factories import SiteFactory


def demain_a(heure=10, jours=1):
    jour = timezone.localdate() + datetime.timedelta(days=jours)
    return datetime.datetime.combine(jour, datetime.time(heure), tzinfo=timezone.get_current_timezone())


class CreneauFactory(DjangoModelFactory):
    class Meta:
        model = Creneau

    site = factory.SubFactory(SiteFactory)
    nature = "individuel"
    agent = factory.SubFactory("tests.pacte.factories.UserFactory")
    debut = factory.LazyFunction(demain_a)
    fin = factory.LazyAttribute(lambda o: o.debut + datetime.timedelta(minutes=30))
    capacite = 1

    class Params:
        collectif = factory.Trait(nature="collectif", agent=None, capacite=10, intitule="Information collective RSA")
