"""The demo: créneaux of the demo MDD, the default templates, invitations (one booked, one expired), a convocation."""

import datetime

import pytest
from django.core.management import call_command

from config.demo import courriers as demo
from config.demo import parcours as demo_parcours
from config.demo.comptes import DemoContexte, creer_comptes_demo
from courriers.models import Convocation, Creneau, Invitation, Message, ModeleCourrier

pytestmark = pytest.mark.django_db


def test_la_demo_cree_creneaux_modeles_invitations_et_convocation(settings):
    settings.PACTE_AUTORISER_COMPTES_DEMO = True
    call_command("charger_referentiel", "referentiel/haute-vienne.yaml", verbosity=0)
    ctx = DemoContexte.cree(87, datetime.date.today(), nb_beneficiaires=300)
    ctx.comptes = creer_comptes_demo()
    demo_parcours.generer(ctx)
    demo.generer(ctx)
    assert Creneau.objects.filter(nature="individuel").count() == 60
    assert Creneau.objects.filter(nature="collectif", capacite=12).exists()
    assert ModeleCourrier.objects.filter(version_courante__isnull=False).count() == 8
    assert Invitation.objects.count() == 10
    assert set(Invitation.objects.values_list("etat", flat=True)) >= {"envoyee", "reservee", "expiree"}
    assert Convocation.objects.count() == 1
    assert Message.objects.filter(canal="sms").exists() and Message.objects.filter(canal="courrier").exists()
