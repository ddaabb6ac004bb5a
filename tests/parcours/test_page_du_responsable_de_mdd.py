"""The responsable de MDD's page: the MDD's figures from the indicator engine, the caseload per référent, the people
without référent, contract or rendez-vous (links to the filtered list), a restricted and logged export; only their
MDD (404 elsewhere, and for other roles)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacte.models import JournalAcces
from parcours.pilotage_mdd import charge_par_referent, chiffres_de_suivi
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import ContratEngagementFactory, ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db
AUJOURDHUI = timezone.localdate()


@pytest.fixture
def responsable(mdd):
    return UserFactory(responsable_mdd=True, mdds=[mdd])


@pytest.fixture
def situation(mdd):
    louise = agent_mdd(mdd, first_name="Louise", last_name="Arnaud")
    marc = agent_mdd(mdd, first_name="Marc", last_name="Blanc")
    suivis = [ParcoursFactory(mdd=mdd, referent=louise) for _ in range(3)]
    contrat = ContratEngagementFactory(parcours=suivis[0], date_fin=AUJOURDHUI + datetime.timedelta(days=60))
    suivis[0].contrat_courant = contrat
    suivis[0].save(update_fields=["contrat_courant"])
    ParcoursFactory(mdd=mdd, referent=marc)
    ParcoursFactory(mdd=mdd, referent=None)
    ParcoursFactory(mdd=MDDFactory(), referent=louise)  # another MDD: not counted here
    return {"louise": louise, "marc": marc}


def test_charge_par_referent_et_personnes_a_suivre(mdd, situation):
    charge = charge_par_referent(mdd)
    assert [(r["nom"], r["suivis"], r["contrats"]) for r in charge] == [
        ("Louise Arnaud", 3, 1),
        ("Marc Blanc", 1, 0),
    ]
    suivi = chiffres_de_suivi(mdd)
    assert (suivi["ouverts"], suivi["sans_referent"], suivi["sans_contrat"]) == (5, 1, 4)
    # Entered on 01/02/2025 with no rendez-vous: all five are «without rendez-vous for 3 months».
    assert suivi["sans_rdv"] == 5


def test_la_page_de_la_mdd(client, mdd, responsable, situation, django_assert_max_num_queries):
    client.force_login(responsable)
    with django_assert_max_num_queries(40):
        reponse = client.get(reverse("page_mdd", args=[mdd.pk]))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert f"{reverse('parcours:file_active')}?referent={situation['louise'].pk}" in contenu
    assert f"{reverse('parcours:file_active')}?referent=null" in contenu
    assert f"{reverse('parcours:file_active')}?contrat=aucun" in contenu
    assert f"{reverse('parcours:file_active')}?alerte=sans_rendez_vous_3_mois" in contenu
    assert "Parcours ouverts au" in contenu or "Part des" in contenu  # the engine's figures
    assert "VARIABLE INCONNUE" not in contenu
    assert JournalAcces.objects.filter(utilisateur=responsable, objet="mdd", objet_id=mdd.pk).exists()


def test_la_liste_sans_referent_s_ouvre_filtree(client, mdd, responsable, situation):
    client.force_login(responsable)
    liste = client.get(reverse("parcours:file_active"), {"referent": "null"})
    assert liste.context["page_obj"].paginator.count == 1


def test_une_autre_mdd_ou_un_autre_role_repond_404(client, mdd, responsable):
    client.force_login(responsable)
    assert client.get(reverse("page_mdd", args=[MDDFactory().pk])).status_code == 404
    client.force_login(agent_mdd(mdd))
    assert client.get(reverse("page_mdd", args=[mdd.pk])).status_code == 404
    assert client.get(reverse("parcours:export_file_active")).status_code == 404


def test_l_accueil_du_responsable_mene_a_la_page_de_sa_mdd(client, mdd, responsable):
    client.force_login(responsable)
    assert reverse("page_mdd", args=[mdd.pk]) in client.get("/").content.decode()


def test_l_export_ne_porte_que_les_colonnes_utiles_et_est_journalise(client, mdd, responsable, situation):
    client.force_login(responsable)
    reponse = client.get(reverse("parcours:export_file_active"), {"referent": situation["marc"].pk})
    lignes = reponse.content.decode("utf-8-sig").strip().splitlines()
    assert lignes[0] == "Nom;Prénom;Numéro allocataire;Référent unique;Orientation;Fin du contrat;Entrée"
    assert len(lignes) == 2 and "Marc Blanc" in lignes[1]
    assert JournalAcces.objects.filter(utilisateur=responsable, nature="export", objet="parcours").count() == 1
