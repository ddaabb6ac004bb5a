"""The change history of a parcours is sent only when asked for: the parcours page does not read the history
tables and links to it; htmx loads the table alone when its section is opened, and without JavaScript the link
opens the page with the history. Same access rules as the page, the view is logged, a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pacte.models import JournalAcces
from parcours import mouvements, orientations, personnes
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import ContratEngagementFactory, FreinFactory, ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db
HIER = timezone.localdate() - datetime.timedelta(days=1)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def parcours(mdd):
    return ParcoursFactory(mdd=mdd, beneficiaire__nom="Lefèvre", beneficiaire__prenom="Hélène")


@pytest.fixture
def secretaire(mdd):
    return agent_mdd(mdd, first_name="Marc", last_name="Secrétaire")


@pytest.fixture
def modifie(parcours, agent, secretaire):
    """A parcours with a change of référent (by the agent) and of phone number (by the secretary)."""
    orientations.changer_referent(parcours, nouveau=agent, date=HIER, par=agent)
    parcours.refresh_from_db()
    personnes.modifier_coordonnees(parcours, par=secretaire, telephone="0555000000")
    return parcours


def url_fiche(parcours):
    return reverse("parcours:fiche", args=[parcours.pk])


def url_historique(parcours):
    return reverse("parcours:historique", args=[parcours.pk])


def test_la_fiche_ne_lit_pas_l_historique_et_dit_ou_l_ouvrir(client_agent, modifie, agent, operateur_etat):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client_agent.get(url_fiche(modifie))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    lectures = [q["sql"] for q in requetes.captured_queries if "historical" in q["sql"].lower()]
    assert lectures == [], "la fiche ne doit plus lire les tables d'historique"
    assert '<details class="pacte-formulaire" id="historique">' in contenu, "fermé par défaut"
    assert ">Historique des modifications</summary>" in contenu
    assert f'hx-get="{url_historique(modifie)}"' in contenu
    assert 'hx-trigger="toggle once from:closest details"' in contenu
    assert f'href="{url_historique(modifie)}#historique"' in contenu
    assert ">Afficher l'historique des modifications</a>" in contenu
    assert f"Référent unique : — → {agent}" not in contenu
    assert "Qui a modifié quoi" not in contenu


def test_htmx_recoit_le_tableau_des_modifications_seul(client_agent, modifie, agent, secretaire):
    reponse = client_agent.get(url_historique(modifie), headers=HTMX)
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "<html" not in contenu and "<h1" not in contenu
    assert "<caption>Qui a modifié quoi, et quand (50 dernières modifications)</caption>" in contenu
    assert f"Référent unique : — → {agent}" in contenu
    assert "Parcours (modification)" in contenu
    assert f"<td>{secretaire}</td>" in contenu, "l'historique nomme l'auteur de la modification"
    assert "Personne (modification)" in contenu
    assert "Téléphone : — → 0555000000" in contenu
    assert "HX-Request" in reponse["Vary"]


def test_sans_javascript_le_lien_ouvre_la_page_avec_l_historique(client_agent, modifie, agent, operateur_etat):
    reponse = client_agent.get(url_historique(modifie))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "<html" in contenu and contenu.count("<h1") == 1
    assert "Parcours de LEFÈVRE Hélène" in contenu
    assert '<details class="pacte-formulaire" id="historique" open>' in contenu
    assert f"Référent unique : — → {agent}" in contenu
    assert "Téléphone : — → 0555000000" in contenu
    assert "Afficher l'historique des modifications" not in contenu
    assert "VARIABLE INCONNUE" not in contenu


def test_un_parcours_sans_modification_le_dit(client_agent, mdd):
    parcours = ParcoursFactory(mdd=mdd)
    parcours.history.all().delete()
    parcours.beneficiaire.history.all().delete()
    contenu = client_agent.get(url_historique(parcours), headers=HTMX).content.decode()
    assert "Aucune modification enregistrée." in contenu


def test_l_historique_d_un_parcours_clos_reste_lisible(client_agent, parcours, agent):
    mouvements.enregistrer_sortie(parcours, date=HIER, type="emploi_durable", par=agent)
    parcours.refresh_from_db()
    assert not parcours.est_ouvert
    assert client_agent.get(url_fiche(parcours)).status_code == 200
    for entetes in (HTMX, {}):
        reponse = client_agent.get(url_historique(parcours), headers=entetes)
        assert reponse.status_code == 200
        assert f"Date de sortie : — → {HIER:%d/%m/%Y}" in reponse.content.decode()


def test_la_consultation_de_l_historique_est_journalisee(client_agent, modifie, agent):
    client_agent.get(url_historique(modifie), headers=HTMX)
    entree = JournalAcces.objects.get(page=url_historique(modifie))
    assert (entree.utilisateur, entree.objet, entree.objet_id, entree.beneficiaire_id, entree.nature) == (
        agent,
        "parcours",
        modifie.pk,
        modifie.beneficiaire_id,
        "consultation",
    )


def test_l_historique_d_une_autre_mdd_est_introuvable_et_rien_n_est_journalise(client_agent):
    ailleurs = ParcoursFactory(mdd=MDDFactory())
    assert client_agent.get(url_historique(ailleurs), headers=HTMX).status_code == 404
    assert client_agent.get(url_historique(ailleurs)).status_code == 404
    assert client_agent.get(reverse("parcours:historique", args=[999_999])).status_code == 404
    assert not JournalAcces.objects.filter(objet_id=ailleurs.pk).exists()


@pytest.mark.parametrize("trait", ["charge_orientation", "referent_thematique", "partenaire_user", "administrateur"])
def test_les_autres_roles_ne_voient_pas_l_historique(client, mdd, trait):
    # The chargé d'orientation sees this parcours (waiting for an orientation) through its orientation page only.
    a_orienter = ParcoursFactory(mdd=mdd)
    client.force_login(UserFactory(**{trait: True}))
    assert client.get(url_historique(a_orienter), headers=HTMX).status_code == 404
    assert client.post(url_historique(a_orienter)).status_code == 404
    assert not JournalAcces.objects.exists()


def test_l_url_de_l_historique_n_est_pas_prise_pour_un_evenement(client_agent, parcours):
    assert client_agent.post(url_historique(parcours), {}).status_code == 405


def _modifier(parcours, agent, n):
    """n changes of each kind the history follows: parcours, person, contracts, freins."""
    for i in range(n):
        personnes.modifier_coordonnees(parcours, par=agent, telephone=f"05550000{i:02d}")
        parcours.refresh_from_db()
        ContratEngagementFactory(parcours=parcours, created_by=agent)
        FreinFactory(parcours=parcours, created_by=agent)


@pytest.mark.parametrize("modifications", [1, 15])
def test_nombre_de_requetes_de_l_historique_constant(
    client_agent, parcours, agent, mdd, django_assert_max_num_queries, modifications
):
    # Authors other than the logged-in user: they are named by one query, not one per row.
    _modifier(parcours, agent_mdd(mdd, first_name="Paul", last_name="Collègue"), modifications)
    orientations.changer_referent(parcours, nouveau=agent, date=HIER, par=agent)
    # A first request refreshes the session and reads the header's pact (cached): then session, user, parcours,
    # journal, six history tables, the authors.
    client_agent.get(url_historique(parcours), headers=HTMX)
    with django_assert_max_num_queries(11):
        reponse = client_agent.get(url_historique(parcours), headers=HTMX)
    assert len(reponse.context["historique"]) >= min(3 * modifications, 50)
    assert "Paul" in reponse.content.decode()


def test_les_auteurs_sont_lus_en_une_requete(client_agent, modifie, secretaire, mdd):
    autre = agent_mdd(mdd, first_name="Anne", last_name="Autre")
    FreinFactory(parcours=modifie, created_by=autre)
    with CaptureQueriesContext(connection) as requetes:
        contenu = client_agent.get(url_historique(modifie), headers=HTMX).content.decode()
    assert f"<td>{secretaire}</td>" in contenu
    lectures_des_personnes = [q for q in requetes.captured_queries if q["sql"].startswith('SELECT "pacte_user"')]
    # The logged-in user (authentication), then every author of the history in one query.
    assert len(lectures_des_personnes) == 2
