"""The timeline is newest first, and events of one day come in the order they were entered, whatever their kind."""

import datetime

import pytest
from django.utils import timezone

from parcours import mouvements, orientations, suivi
from parcours.timeline import DonneesParcours
from tests.parcours.factories import ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db


def test_les_evenements_d_un_meme_jour_suivent_l_ordre_de_saisie():
    jour = timezone.localdate() - datetime.timedelta(days=3)
    parcours = ParcoursFactory(date_entree=jour - datetime.timedelta(days=30))
    agent = agent_mdd(parcours.mdd)
    suivi.ajouter_note(parcours, date=jour, texte="Première note", par=agent)
    suivi.identifier_frein(parcours, categorie="mobilite", date_identification=jour, par=agent)
    orientations.orienter(parcours, type="sociale", organisme_referent="departement", date_decision=jour, par=agent)
    suivi.ajouter_note(parcours, date=jour, texte="Dernière note", par=agent)
    mouvements.enregistrer_sortie(parcours, date=jour, type="emploi_durable", par=agent)
    parcours.refresh_from_db()
    du_jour = [e for e in DonneesParcours.charger(parcours).timeline(parcours) if e.date == jour]
    assert [e.nature for e in du_jour] == ["sortie", "note", "orientation", "frein", "note"]
    assert du_jour[1].details == ["Dernière note"]
