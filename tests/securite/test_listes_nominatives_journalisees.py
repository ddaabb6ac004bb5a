"""One rule for every list of named people: each person shown is logged, all in one INSERT per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacte.models import JournalAcces
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, PrescriptionFactory, agent_mdd
from tests.partenaires.factories import ActionFactory, PartenaireFactory

pytestmark = pytest.mark.django_db


def _inserts_du_journal(requetes) -> int:
    return sum(1 for q in requetes if q["sql"].startswith("INSERT") and "pacte_journalacces" in q["sql"])


def _ouvrir(client, url, params=None):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url, params or {})
    assert reponse.status_code == 200
    return reponse, _inserts_du_journal(requetes.captured_queries)


def _personnes_journalisees():
    return set(JournalAcces.objects.values_list("beneficiaire_id", flat=True))


def test_la_file_active_journalise_ses_25_personnes_en_une_insertion(client):
    mdd = MDDFactory()
    parcours = [ParcoursFactory(mdd=mdd) for _ in range(30)]
    client.force_login(agent_mdd(mdd))
    reponse, inserts = _ouvrir(client, reverse("parcours:file_active"))
    montres = {p.beneficiaire_id for p in reponse.context["page_obj"]}
    assert len(montres) == 25 and inserts == 1
    assert _personnes_journalisees() == montres
    assert set(JournalAcces.objects.values_list("objet", flat=True)) == {"parcours"}
    # Page 2 logs its own 5 people, again in one INSERT.
    _, inserts = _ouvrir(client, reverse("parcours:file_active"), {"page": 2})
    assert inserts == 1 and _personnes_journalisees() == {p.beneficiaire_id for p in parcours}


def test_la_liste_a_orienter_journalise_ses_50_personnes_en_une_insertion(client):
    mdd = MDDFactory()
    for _ in range(55):
        ParcoursFactory(mdd=mdd)
    client.force_login(UserFactory(charge_orientation=True))
    reponse, inserts = _ouvrir(client, reverse("parcours:a_orienter"))
    montres = {p.beneficiaire_id for p in reponse.context["page_obj"]}
    assert len(montres) == 50 and inserts == 1
    assert _personnes_journalisees() == montres


def test_les_prescriptions_recues_du_partenaire_sont_journalisees_en_une_insertion(client):
    partenaire = PartenaireFactory()
    action = ActionFactory(partenaire=partenaire)
    prescriptions = [PrescriptionFactory(action=action) for _ in range(12)]
    client.force_login(UserFactory(partenaire_user=True, partenaire=partenaire))
    _, inserts = _ouvrir(client, reverse("partenaires:prescriptions_recues"))
    assert inserts == 1
    assert _personnes_journalisees() == {p.parcours.beneficiaire_id for p in prescriptions}


def test_l_api_des_prescriptions_journalise_chaque_personne_en_une_insertion(client):
    partenaire = PartenaireFactory()
    action = ActionFactory(partenaire=partenaire)
    prescriptions = [PrescriptionFactory(action=action) for _ in range(7)]
    client.force_login(UserFactory(partenaire_user=True, partenaire=partenaire))
    _, inserts = _ouvrir(client, "/api/v1/prescriptions/")
    assert inserts == 1
    assert _personnes_journalisees() == {p.parcours.beneficiaire_id for p in prescriptions}


def test_la_recherche_du_droit_d_acces_journalise_les_personnes_trouvees(client):
    foyer = [BeneficiaireFactory(numero_allocataire="7777777", qualite=q) for q in ("demandeur", "conjoint")]
    BeneficiaireFactory(numero_allocataire="8888888")
    client.force_login(UserFactory(administrateur=True))
    _, inserts = _ouvrir(client, reverse("droit_d_acces"), {"numero_allocataire": "7777777"})
    assert inserts == 1 and _personnes_journalisees() == {b.pk for b in foyer}


def test_une_page_vide_ne_journalise_personne(client):
    client.force_login(agent_mdd(MDDFactory()))
    _, inserts = _ouvrir(client, reverse("parcours:file_active"))
    assert inserts == 0 and not JournalAcces.objects.exists()
