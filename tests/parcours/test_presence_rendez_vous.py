"""Noting the attendance of a planned rendez-vous updates it (never a second rendez-vous); attendance only once its
time has come, today included; a past day cannot be «prévu». Rules without HTTP, then the parcours page."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from parcours import suivi
from parcours.models import RendezVous
from tests.parcours.factories import ParcoursFactory, RendezVousFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MAINTENANT = datetime.datetime(2026, 3, 10, 14, 0, tzinfo=PARIS)
CE_MATIN = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)
CE_SOIR = datetime.datetime(2026, 3, 10, 16, 30, tzinfo=PARIS)
HIER = datetime.datetime(2026, 3, 9, 10, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def horloge(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: MAINTENANT.astimezone(datetime.UTC))


@pytest.fixture
def parcours(mdd):
    return ParcoursFactory(mdd=mdd)


def test_noter_present_a_l_heure_d_un_rendez_vous_prevu_le_met_a_jour(parcours, agent):
    prevu = RendezVousFactory(parcours=parcours, date=CE_MATIN, presence="prevu")
    rdv = suivi.planifier_rendez_vous(parcours, date=CE_MATIN, nature="individuel", presence="present", par=agent)
    assert rdv.pk == prevu.pk
    assert list(RendezVous.objects.filter(parcours=parcours).values_list("presence", flat=True)) == ["present"]


def test_present_accepte_pour_un_rendez_vous_de_ce_matin(parcours, agent):
    rdv = RendezVousFactory(parcours=parcours, date=CE_MATIN, presence="prevu")
    suivi.noter_presence(rdv, presence="present", par=agent)
    assert RendezVous.objects.get(pk=rdv.pk).presence == "present"


def test_present_refuse_pour_un_rendez_vous_plus_tard_aujourd_hui(parcours, agent):
    rdv = RendezVousFactory(parcours=parcours, date=CE_SOIR, presence="prevu")
    with pytest.raises(ValidationError, match="à partir de cette heure"):
        suivi.noter_presence(rdv, presence="present", par=agent)
    assert RendezVous.objects.get(pk=rdv.pk).presence == "prevu"


def test_une_date_passee_ne_peut_pas_etre_prevue(parcours, agent):
    with pytest.raises(ValidationError, match="date passée ne peut pas être « prévu »"):
        suivi.planifier_rendez_vous(parcours, date=HIER, nature="individuel", presence="prevu", par=agent)
    assert not RendezVous.objects.filter(parcours=parcours).exists()
    # Later today can still be planned.
    suivi.planifier_rendez_vous(parcours, date=CE_SOIR, nature="individuel", par=agent)
    assert RendezVous.objects.filter(parcours=parcours, presence="prevu").count() == 1


def test_la_page_propose_de_noter_la_presence_et_la_met_a_jour(client_agent, parcours):
    rdv = RendezVousFactory(parcours=parcours, date=CE_MATIN, presence="prevu")
    fiche = client_agent.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode()
    lien = f"{reverse('parcours:enregistrer', args=[parcours.pk, 'presence'])}?rendez_vous={rdv.pk}"
    assert lien in fiche
    formulaire = client_agent.get(lien).content.decode()
    assert f'<option value="{rdv.pk}" selected>' in formulaire
    reponse = client_agent.post(
        reverse("parcours:enregistrer", args=[parcours.pk, "presence"]),
        {"presence-version": parcours.version, "presence-rendez_vous": rdv.pk, "presence-presence": "present"},
    )
    assert reponse.status_code == 302
    assert list(RendezVous.objects.filter(parcours=parcours).values_list("pk", "presence")) == [(rdv.pk, "present")]


def test_la_page_refuse_en_francais_la_presence_d_un_rendez_vous_a_venir(client_agent, parcours):
    rdv = RendezVousFactory(parcours=parcours, date=CE_SOIR, presence="prevu")
    reponse = client_agent.post(
        reverse("parcours:enregistrer", args=[parcours.pk, "presence"]),
        {"presence-version": parcours.version, "presence-rendez_vous": rdv.pk, "presence-presence": "present"},
    )
    assert reponse.status_code == 200
    assert "sa présence pourra être notée à partir de cette heure" in reponse.content.decode()
    assert RendezVous.objects.get(pk=rdv.pk).presence == "prevu"


def test_la_page_refuse_en_francais_un_rendez_vous_passe_prevu(client_agent, parcours):
    reponse = client_agent.post(
        reverse("parcours:enregistrer", args=[parcours.pk, "rendez_vous"]),
        {
            "rendez_vous-version": parcours.version,
            "rendez_vous-date": "2026-03-09",
            "rendez_vous-heure": "10:00",
            "rendez_vous-nature": "individuel",
            "rendez_vous-presence": "prevu",
        },
    )
    assert reponse.status_code == 200
    assert "ne peut pas être « prévu »" in reponse.content.decode()
    assert not RendezVous.objects.filter(parcours=parcours).exists()
