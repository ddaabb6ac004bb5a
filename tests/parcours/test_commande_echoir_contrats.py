"""The nightly command records as échu the signed contracts whose end has passed, and only those."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from parcours.models import ContratEngagement
from tests.parcours.factories import ContratEngagementFactory

pytestmark = pytest.mark.django_db


def test_la_commande_fait_echoir_les_contrats_termines():
    hier = timezone.localdate() - datetime.timedelta(days=1)
    termine = ContratEngagementFactory(etat="signe", date_fin=hier)
    en_cours = ContratEngagementFactory(etat="signe", date_fin=hier + datetime.timedelta(days=30))
    brouillon = ContratEngagementFactory(etat="brouillon", date_signature=None, date_fin=hier)
    sortie = StringIO()
    call_command("echoir_contrats", stdout=sortie)
    assert "1 contrat(s) d'engagement passé(s) à « échu »." in sortie.getvalue()
    etats = dict(ContratEngagement.objects.values_list("pk", "etat"))
    assert etats == {termine.pk: "echu", en_cours.pk: "signe", brouillon.pk: "brouillon"}
    sortie = StringIO()
    call_command("echoir_contrats", stdout=sortie)
    assert "0 contrat(s)" in sortie.getvalue()
