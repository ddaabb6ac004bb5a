"""The demo generator fills every situation the parcours pages and alerts show."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count

from config.demo import parcours as demo
from config.demo.comptes import DemoContexte, creer_comptes_demo
from pacte.choices import TypeSortie
from pacte.models import Objectif
from parcours.choices import EtatContrat, EtatPrescription, Presence, TypeOrientation
from parcours.filters import Alerte, condition_alerte
from parcours.models import (
    Beneficiaire,
    ContratEngagement,
    Frein,
    Orientation,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
    Transfert,
    TransitionPrescription,
)
from tests.partenaires.factories import ActionFactory

pytestmark = pytest.mark.django_db
AUJOURDHUI = datetime.date(2026, 11, 28)


def valeurs(modele, champ):
    return set(modele.objects.values_list(champ, flat=True).distinct())


@pytest.fixture
def ctx(settings):
    settings.PACTE_AUTORISER_COMPTES_DEMO = True
    call_command("charger_referentiel", "referentiel/haute-vienne.yaml", verbosity=0)
    for objectif in Objectif.objects.order_by("pk")[:6]:
        ActionFactory(
            objectif=objectif, date_debut=datetime.date(2021, 1, 1), date_fin=datetime.date(2027, 12, 31), places=30
        )
    contexte = DemoContexte.cree(87, AUJOURDHUI, 600)
    contexte.comptes = creer_comptes_demo()
    return contexte


def test_la_demo_couvre_toutes_les_situations(ctx):
    demo.generer(ctx)
    assert Beneficiaire.objects.count() == 600
    assert Beneficiaire.objects.filter(qualite="conjoint").exists()
    assert Parcours.objects.values("mdd").distinct().count() == 27
    assert valeurs(Orientation, "type") == set(TypeOrientation.values)
    assert Orientation.objects.exclude(motif="").exists()  # réorientations
    assert valeurs(ContratEngagement, "etat") == set(EtatContrat.values)
    assert ContratEngagement.objects.exclude(motif_duree="").exists()
    assert (
        Frein.objects.filter(date_levee__isnull=True).exists()
        and Frein.objects.filter(date_levee__isnull=False).exists()
    )
    assert {Presence.PRESENT, Presence.ABSENT_EXCUSE, Presence.ABSENT_NON_EXCUSE} <= valeurs(RendezVous, "presence")
    assert valeurs(Sortie, "type") == set(TypeSortie.values)
    assert Transfert.objects.exists()
    assert valeurs(Prescription, "etat") == set(EtatPrescription.values)
    transitions = TransitionPrescription.objects.values("prescription").annotate(n=Count("pk"))
    assert transitions.count() == Prescription.objects.count()
    assert Parcours.objects.filter(date_sortie__isnull=False).count() == Sortie.objects.count()
    ouverts = Parcours.objects.ouverts()
    for alerte in (Alerte.CONTRAT_ECHEANCE, Alerte.CONTRAT_ECHU, Alerte.A_ORIENTER_30_JOURS, Alerte.SANS_RDV):
        assert ouverts.filter(condition_alerte(alerte, AUJOURDHUI)).exists(), alerte
    compte = ctx.comptes["travailleur_social"]
    assert Parcours.objects.filter(referent=compte).exists()
    # Timestamps are the simulated dates, not the generation time.
    assert not Orientation.objects.filter(created_at__date__gt=AUJOURDHUI).exists()
    # Pointers are the latest events.
    parcours = Parcours.objects.filter(contrat_courant__isnull=False).first()
    assert parcours.contrat_courant == parcours.contratengagements.order_by("-date_debut").first()
