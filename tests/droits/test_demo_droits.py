"""The demo's droits et devoirs: a year of manquements from the demo's own unexcused absences, EP sessions held,
decisions within the scale, remobilisations and lost amounts, plans of the 15 hours; every step logged."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count

from config.demo import droits as demo_droits
from config.demo import parcours as demo_parcours
from config.demo.comptes import DemoContexte, creer_comptes_demo
from droits.models import ActivitePlan, Decision, DossierEP, HeuresRealisees, Manquement, SeanceEP
from pacte.models import Objectif
from tests.partenaires.factories import ActionFactory

pytestmark = pytest.mark.django_db
AUJOURDHUI = datetime.date(2026, 11, 28)


@pytest.fixture
def ctx(settings):
    settings.PACTE_AUTORISER_COMPTES_DEMO = True
    call_command("charger_referentiel", "referentiel/haute-vienne.yaml", verbosity=0)
    for objectif in Objectif.objects.order_by("pk")[:3]:
        ActionFactory(objectif=objectif, date_debut=datetime.date(2021, 1, 1), date_fin=datetime.date(2027, 12, 31))
    contexte = DemoContexte.cree(87, AUJOURDHUI, 600)
    contexte.comptes = creer_comptes_demo()
    demo_parcours.generer(contexte)
    return contexte


def test_la_demo_des_droits_et_devoirs_est_coherente(ctx):
    demo_droits.generer(ctx)
    manquements = Manquement.objects.select_related("rendez_vous")
    assert manquements.count() >= 20
    assert all(
        m.rendez_vous.presence == "absent_non_excuse" and m.rendez_vous.parcours_id == m.parcours_id
        for m in manquements
    )
    etats = dict(manquements.values_list("etat").annotate(n=Count("pk")))
    assert {"remobilise", "perdu", "classe", "sans_sanction"} <= set(etats), etats
    assert SeanceEP.objects.filter(etat="tenue").exists()
    assert not DossierEP.objects.filter(avis="").exists()
    for d in Decision.objects.select_related("manquement__bareme"):
        assert d.date_decision > d.manquement.date_limite_observations
        if d.nature == "suspension":
            assert d.manquement.bareme.taux_min <= d.taux <= d.manquement.bareme.taux_max
    assert all(m.transitions.first().date.date() <= AUJOURDHUI for m in manquements[:20])
    assert ActivitePlan.objects.exists() and HeuresRealisees.objects.exists()
