"""COPIL: default period since the last session, a report of the period from the data, a PDF."""

import datetime

import pytest
from django.urls import reverse

from evaluation.comites import periode_par_defaut, rapport
from evaluation.models import ComitePilotage, DecisionComite
from pacte.models import JournalAcces
from tests.evaluation.factories import ComitePilotageFactory, DecisionComiteFactory
from tests.partenaires.factories import AjustementFactory, ObjectifActionFactory, ResultatActionFactory

pytestmark = pytest.mark.django_db


def test_la_periode_par_defaut_court_depuis_le_dernier_comite():
    ComitePilotageFactory(date=datetime.date(2024, 6, 10))
    ComitePilotageFactory(date=datetime.date(2025, 6, 12))
    assert periode_par_defaut(datetime.date(2026, 5, 1)) == (datetime.date(2025, 6, 13), datetime.date(2026, 5, 1))


def test_sans_comite_la_periode_part_du_premier_janvier():
    assert periode_par_defaut(datetime.date(2026, 5, 1)) == (datetime.date(2026, 1, 1), datetime.date(2026, 5, 1))


def test_le_rapport_reprend_actions_objectifs_ajustements_et_reunions(thematiques):
    from partenaires.models import ReunionGroupe
    from tests.partenaires.factories import GroupeTravailFactory

    objectif = ObjectifActionFactory(valeur_cible=20)
    ResultatActionFactory(action=objectif.action, participants=15)
    AjustementFactory(action=objectif.action, date=datetime.date(2025, 4, 1), objet="Report de l'échéance")
    AjustementFactory(action=objectif.action, date=datetime.date(2023, 4, 1), objet="Hors période")
    ReunionGroupe.objects.create(
        groupe=GroupeTravailFactory(thematique=thematiques[0]), date=datetime.date(2025, 3, 3), ordre_du_jour="Bilan"
    )
    contenu = rapport(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert [a.objet for a in contenu["ajustements"]] == ["Report de l'échéance"]
    assert contenu["objectifs"][0]["cible"] == 20 and contenu["objectifs"][0]["realise"] == 15
    assert contenu["objectifs"][0]["taux"] == 75.0
    assert len(contenu["reunions"]) == 1
    assert contenu["actions"][0][0] == objectif.action.intitule


def test_l_administrateur_enregistre_une_seance_et_ses_decisions(client, admin):
    client.force_login(admin)
    reponse = client.post(
        reverse("evaluation:comites"),
        {
            "date": "2025-06-15",
            "periode_debut": "2024-06-16",
            "periode_fin": "2025-06-15",
            "participants": "CAF, DDETS",
        },
    )
    comite = ComitePilotage.objects.get()
    assert reponse.url == reverse("evaluation:comite", args=[comite.pk])
    client.post(reverse("evaluation:comite", args=[comite.pk]), {"texte": "Ouvrir deux ateliers mobilité."})
    assert list(DecisionComite.objects.values_list("texte", flat=True)) == ["Ouvrir deux ateliers mobilité."]
    page = client.get(reverse("evaluation:comite", args=[comite.pk])).content.decode()
    assert "Ouvrir deux ateliers mobilité." in page and "VARIABLE INCONNUE" not in page


def test_une_periode_inversee_est_refusee_sans_rien_ecrire(client, admin):
    client.force_login(admin)
    reponse = client.post(
        reverse("evaluation:comites"),
        {"date": "2025-06-15", "periode_debut": "2025-06-16", "periode_fin": "2025-01-15", "participants": "CAF"},
    )
    assert "La fin de la période doit suivre son début." in reponse.content.decode()
    assert not ComitePilotage.objects.exists()


def test_le_referent_consulte_mais_n_enregistre_pas_de_seance(client, referent):
    comite = ComitePilotageFactory()
    client.force_login(referent)
    assert client.get(reverse("evaluation:comite", args=[comite.pk])).status_code == 200
    assert client.post(reverse("evaluation:comite", args=[comite.pk]), {"texte": "x"}).status_code == 404
    assert not DecisionComite.objects.exists()


def test_le_rapport_pdf_est_genere_en_tache_puis_telecharge_et_journalise(client, admin):
    comite = ComitePilotageFactory()
    DecisionComiteFactory(comite=comite)
    client.force_login(admin)
    reponse = client.post(reverse("evaluation:comite_generer_pdf", args=[comite.pk]))
    assert reponse.url == reverse("evaluation:comite_pdf", args=[comite.pk])
    pdf = client.get(reponse.url)
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    assert JournalAcces.objects.filter(nature="export", objet="rapport de comité de pilotage").count() == 1


def test_la_page_du_comite_a_un_nombre_de_requetes_borne(client, admin, creer_donnees, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    comite = ComitePilotageFactory(periode_debut=datetime.date(2025, 1, 1), periode_fin=datetime.date(2025, 12, 31))
    client.force_login(admin)
    creer_donnees(3)
    with CaptureQueriesContext(connection) as petit:
        client.get(reverse("evaluation:comite", args=[comite.pk]))
    creer_donnees(20)
    for _ in range(5):
        AjustementFactory()
    with django_assert_max_num_queries(len(petit)):
        client.get(reverse("evaluation:comite", args=[comite.pk]))


def test_seul_l_administrateur_genere_et_telecharge_le_rapport(client, referent, admin):
    comite = ComitePilotageFactory()
    client.force_login(referent)
    assert client.post(reverse("evaluation:comite_generer_pdf", args=[comite.pk])).status_code == 404
    assert client.get(reverse("evaluation:comite_pdf", args=[comite.pk])).status_code == 404
    client.force_login(admin)
    assert client.get(reverse("evaluation:comite_pdf", args=[comite.pk])).status_code == 404  # not generated yet
    assert client.get(reverse("evaluation:comite_generer_pdf", args=[comite.pk])).status_code == 405
    comite.refresh_from_db()
    assert comite.rapport_pdf is None and not JournalAcces.objects.exists()
