"""Ma file active: scoped, searchable without accents, filterable, sortable, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacte.models import JournalAcces
from parcours.models import Parcours
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import (
    BeneficiaireFactory,
    ContratEngagementFactory,
    FreinFactory,
    OrientationFactory,
    ParcoursFactory,
    RendezVousFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("parcours:file_active")
AUJOURDHUI = timezone.localdate()


def noms(response):
    return [p.beneficiaire.nom for p in response.context["page_obj"]]


def test_la_file_active_ne_montre_que_la_mdd_de_l_agent(client_agent, mdd):
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Dupont")
    ParcoursFactory(mdd=MDDFactory(), beneficiaire__nom="Ailleurs")
    response = client_agent.get(URL)
    assert response.status_code == 200
    assert noms(response) == ["Dupont"]
    contenu = response.content.decode()
    assert "VARIABLE INCONNUE" not in contenu
    assert contenu.count("<h1") == 1
    dupont = Parcours.objects.get(beneficiaire__nom="Dupont")
    assert list(JournalAcces.objects.values_list("objet", "objet_id", "beneficiaire_id")) == [
        ("parcours", dupont.pk, dupont.beneficiaire_id)
    ]


def test_recherche_sans_accents_ni_casse_et_par_numero(client_agent, mdd):
    ParcoursFactory(
        mdd=mdd, beneficiaire__nom="Lefèvre", beneficiaire__prenom="Hélène", beneficiaire__numero_allocataire="7654321"
    )
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Martin", beneficiaire__prenom="Paul")
    assert noms(client_agent.get(URL, {"q": "LEFEVRE hel"})) == ["Lefèvre"]
    assert noms(client_agent.get(URL, {"q": "hélène"})) == ["Lefèvre"]
    assert noms(client_agent.get(URL, {"q": "765"})) == ["Lefèvre"]


def test_filtres_orientation_contrat_frein(client_agent, mdd):
    oriente = ParcoursFactory(mdd=mdd, beneficiaire__nom="Oriente")
    OrientationFactory(parcours=oriente, type="professionnelle", organisme_referent="france_travail")
    non_oriente = ParcoursFactory(mdd=mdd, beneficiaire__nom="Nouveau")
    FreinFactory(parcours=non_oriente, categorie="logement")
    assert noms(client_agent.get(URL, {"orientation": "professionnelle"})) == ["Oriente"]
    assert noms(client_agent.get(URL, {"orientation": "aucune"})) == ["Nouveau"]
    assert noms(client_agent.get(URL, {"frein": "logement"})) == ["Nouveau"]
    assert noms(client_agent.get(URL, {"contrat": "aucun"})) == ["Nouveau", "Oriente"]


def test_sans_rendez_vous_compte_les_jours_a_l_heure_de_paris(client_agent, mdd):
    """Three months back, from local midnight: a meeting at 00:30 in Paris on that day is recent (22:30 UTC the
    day before); one at 23:30 in Paris the day before is not."""
    from parcours.calendrier import ajouter_mois
    from parcours.filters import SANS_RDV_MOIS

    seuil = ajouter_mois(AUJOURDHUI, -SANS_RDV_MOIS)
    paris = timezone.get_current_timezone()
    juste = ParcoursFactory(mdd=mdd, beneficiaire__nom="Juste", date_entree=datetime.date(2020, 1, 1))
    RendezVousFactory(parcours=juste, date=datetime.datetime.combine(seuil, datetime.time(0, 30), tzinfo=paris))
    veille = ParcoursFactory(mdd=mdd, beneficiaire__nom="Veille", date_entree=datetime.date(2020, 1, 1))
    RendezVousFactory(
        parcours=veille,
        date=datetime.datetime.combine(seuil - datetime.timedelta(days=1), datetime.time(23, 30), tzinfo=paris),
    )
    assert noms(client_agent.get(URL, {"alerte": "sans_rendez_vous_3_mois"})) == ["Veille"]


def test_alertes_contrat_echeance_et_sans_rendez_vous(client_agent, mdd):
    bientot = ParcoursFactory(mdd=mdd, beneficiaire__nom="Bientot", date_entree=datetime.date(2024, 1, 1))
    bientot.contrat_courant = ContratEngagementFactory(
        parcours=bientot,
        date_debut=AUJOURDHUI - datetime.timedelta(days=200),
        date_fin=AUJOURDHUI + datetime.timedelta(days=10),
    )
    bientot.save()
    echu = ParcoursFactory(mdd=mdd, beneficiaire__nom="Echu", date_entree=datetime.date(2024, 1, 1))
    echu.contrat_courant = ContratEngagementFactory(
        parcours=echu,
        date_debut=AUJOURDHUI - datetime.timedelta(days=200),
        date_fin=AUJOURDHUI - datetime.timedelta(days=5),
    )
    echu.save()
    RendezVousFactory(parcours=echu, date=timezone.now() - datetime.timedelta(days=10))
    assert noms(client_agent.get(URL, {"alerte": "contrat_echu_ou_echeance"})) == ["Bientot", "Echu"]
    assert noms(client_agent.get(URL, {"alerte": "contrat_echu"})) == ["Echu"]
    assert noms(client_agent.get(URL, {"alerte": "contrat_echeance_30_jours"})) == ["Bientot"]
    assert noms(client_agent.get(URL, {"alerte": "sans_rendez_vous_3_mois"})) == ["Bientot"]


def test_tri_par_date_d_entree_et_parcours_clos_a_part(client_agent, mdd):
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Ancien", date_entree=datetime.date(2023, 1, 1))
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Recent", date_entree=datetime.date(2025, 6, 1))
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Sorti", date_sortie=datetime.date(2025, 9, 1))
    assert noms(client_agent.get(URL, {"tri": "-entree"})) == ["Recent", "Ancien"]
    assert noms(client_agent.get(URL, {"tri": "entree"})) == ["Ancien", "Recent"]
    assert noms(client_agent.get(URL, {"statut": "clos"})) == ["Sorti"]


def test_htmx_renvoie_le_fragment_des_resultats(client_agent, mdd):
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Dupont")
    response = client_agent.get(URL, {"q": "dup"}, headers={"HX-Request": "true"})
    contenu = response.content.decode()
    assert "<html" not in contenu
    assert "Dupont".upper() in contenu
    assert 'id="table-file-active"' in contenu


def _remplir(mdd, n):
    for _ in range(n):
        parcours = ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory())
        OrientationFactory(parcours=parcours)
        parcours.contrat_courant = ContratEngagementFactory(parcours=parcours)
        parcours.save()
        FreinFactory(parcours=parcours)
        RendezVousFactory(parcours=parcours)


@pytest.mark.parametrize("lignes", [5, 50])
def test_nombre_de_requetes_constant(client_agent, mdd, django_assert_max_num_queries, lignes):
    _remplir(mdd, lignes)
    client_agent.get(URL)  # warm the session
    with django_assert_max_num_queries(12):
        response = client_agent.get(URL, {"tri": "dernier_rdv", "frein": "mobilite"})
    assert len(response.context["page_obj"]) == min(lignes, 25)


def test_filtre_par_referent_et_sans_referent(client_agent, mdd, agent):
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Suivi", referent=agent)
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Seul")
    assert noms(client_agent.get(URL, {"referent": agent.pk})) == ["Suivi"]
    assert noms(client_agent.get(URL, {"referent": "null"})) == ["Seul"]


def test_le_filtre_referent_propose_sans_referent_et_garde_le_choix(client_agent, mdd, agent):
    contenu = client_agent.get(URL, {"referent": "null"}).content.decode()
    assert '<option value="null" selected>Sans référent unique</option>' in contenu
    assert f'<option value="{agent.pk}">' in contenu


def test_les_listes_de_filtres_gardent_le_choix(client_agent):
    contenu = client_agent.get(URL, {"alerte": "contrat_echu", "frein": "mobilite", "statut": "clos"}).content.decode()
    assert '<option value="contrat_echu" selected>Contrat échu</option>' in contenu
    assert '<option value="mobilite" selected>' in contenu
    assert '<option value="clos" selected>Parcours clos</option>' in contenu
    assert '<option value="" selected>Toutes</option>' in contenu, "orientation : le choix vide reste sélectionné"


def _lignes_completes(mdd, referent, nombre):
    for i in range(nombre):
        parcours = ParcoursFactory(mdd=mdd, referent=referent, beneficiaire__nom=f"Complet{i:02d}")
        OrientationFactory(parcours=parcours)
        contrat = ContratEngagementFactory(
            parcours=parcours, etat="signe", date_fin=AUJOURDHUI + datetime.timedelta(days=90)
        )
        Parcours.objects.filter(pk=parcours.pk).update(contrat_courant=contrat)
        FreinFactory(parcours=parcours)
        RendezVousFactory(parcours=parcours, date=timezone.now() - datetime.timedelta(days=3))


def test_chaque_colonne_remplie_sans_une_requete_par_ligne(client_agent, agent, mdd):
    """The rows are read with only the columns the table prints: every column filled, the same number of
    queries for 2 rows as for 25 (a column printed but not read would cost a query per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _lignes_completes(mdd, agent, 2)
    client_agent.get(URL)
    with CaptureQueriesContext(connection) as peu:
        contenu = client_agent.get(URL).content.decode()
    assert "COMPLET01" in contenu and str(agent) in contenu and "fin le" in contenu
    _lignes_completes(mdd, agent, 23)
    with CaptureQueriesContext(connection) as beaucoup:
        reponse = client_agent.get(URL)
    lignes = list(reponse.context["page_obj"])
    assert len(lignes) == 25
    assert all(p.orientation_courante and p.contrat_courant and p.nb_freins_ouverts == 1 for p in lignes)
    assert len(beaucoup.captured_queries) == len(peu.captured_queries)
