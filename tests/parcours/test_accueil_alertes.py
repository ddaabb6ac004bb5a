"""The worker's home page: alerts counted in the database, each a link to the filtered list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from config.accueil import accueil_pour
from tests.parcours.factories import ContratEngagementFactory, ParcoursFactory, RendezVousFactory

pytestmark = pytest.mark.django_db
AUJOURDHUI = timezone.localdate()


def _contrat(parcours, fin_dans_jours):
    parcours.contrat_courant = ContratEngagementFactory(
        parcours=parcours,
        date_debut=AUJOURDHUI - datetime.timedelta(days=300),
        date_fin=AUJOURDHUI + datetime.timedelta(days=fin_dans_jours),
    )
    parcours.save()


def test_les_alertes_comptent_et_renvoient_vers_la_liste_filtree(client_agent, agent, mdd):
    _contrat(ParcoursFactory(mdd=mdd, oriente=True), 10)
    _contrat(ParcoursFactory(mdd=mdd, oriente=True), -3)
    ParcoursFactory(mdd=mdd, date_entree=AUJOURDHUI - datetime.timedelta(days=45))
    recent = ParcoursFactory(mdd=mdd, date_entree=AUJOURDHUI - datetime.timedelta(days=5))
    RendezVousFactory(parcours=recent, date=timezone.now() - datetime.timedelta(days=1))
    alertes = {a.lien.split("alerte=")[1]: a.valeur for a in accueil_pour(agent).alertes}
    assert alertes == {
        "contrat_echeance_30_jours": 1,
        "contrat_echu": 1,
        "a_orienter_30_jours": 1,
        "sans_rendez_vous_3_mois": 2,
    }
    response = client_agent.get("/")
    contenu = response.content.decode()
    assert f"{reverse('parcours:file_active')}?alerte=contrat_echu" in contenu
    assert "VARIABLE INCONNUE" not in contenu
    liste = client_agent.get(reverse("parcours:file_active"), {"alerte": "sans_rendez_vous_3_mois"})
    assert liste.context["page_obj"].paginator.count == 2


@pytest.mark.parametrize("lignes", [5, 50])
def test_nombre_de_requetes_de_l_accueil_constant(client_agent, mdd, django_assert_max_num_queries, lignes):
    for i in range(lignes):
        _contrat(ParcoursFactory(mdd=mdd, oriente=True), i - 20)
    # 11: the user's unread notices are one query (the target delay is read with the cached pact).
    with django_assert_max_num_queries(11):
        response = client_agent.get("/")
    assert response.status_code == 200


def test_l_accueil_du_charge_d_orientation_compte_l_attente(client):
    from tests.pacte.factories import UserFactory

    ParcoursFactory(date_entree=AUJOURDHUI - datetime.timedelta(days=40))
    ParcoursFactory(date_entree=AUJOURDHUI - datetime.timedelta(days=2))
    ParcoursFactory(oriente=True)
    charge = UserFactory(charge_orientation=True)
    accueil = accueil_pour(charge)
    assert [t.valeur for t in accueil.tuiles] == [2, 1]
    assert accueil.alertes[0].valeur == 1
    # The alert opens the list filtered on the waiting beyond the référentiel's target delay.
    assert accueil.alertes[0].lien == f"{reverse('parcours:a_orienter')}?attente=au_dela"


def _chiffres(client):
    page = client.get("/").context["page"]
    return {t.libelle: t.valeur for t in [*page.tuiles, *page.alertes]}


def _requete_des_chiffres(requetes):
    return [q["sql"] for q in requetes if 'COUNT("parcours_parcours"."id") FILTER' in q["sql"]]


def test_l_accueil_ne_recompte_pas_tant_que_rien_ne_change(client_agent, mdd):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ParcoursFactory(mdd=mdd)
    with CaptureQueriesContext(connection) as premiere:
        assert _chiffres(client_agent)["Personnes suivies"] == 1
    with CaptureQueriesContext(connection) as seconde:
        assert _chiffres(client_agent)["Personnes suivies"] == 1
    assert len(_requete_des_chiffres(premiere.captured_queries)) == 1
    assert _requete_des_chiffres(seconde.captured_queries) == []


def test_l_accueil_recompte_apres_chaque_evenement_enregistre(client_agent, agent, mdd):
    from tests.pacte.factories import MDDFactory

    il_y_a_200_jours = AUJOURDHUI - datetime.timedelta(days=200)
    parcours = ParcoursFactory(mdd=mdd, date_ouverture_droit=il_y_a_200_jours, date_entree=il_y_a_200_jours)
    ParcoursFactory(mdd=mdd, date_ouverture_droit=AUJOURDHUI, date_entree=AUJOURDHUI)
    url = lambda slug: reverse("parcours:enregistrer", args=[parcours.pk, slug])  # noqa: E731
    hier = (AUJOURDHUI - datetime.timedelta(days=1)).isoformat()
    avant = _chiffres(client_agent)
    assert avant["Nouveaux entrants à orienter"] == 2
    assert avant["personne sans rendez-vous depuis 3 mois"] == 1

    client_agent.post(
        url("orientation"),
        {
            "orientation-version": 1,
            "orientation-type": "sociale",
            "orientation-organisme_referent": "departement",
            "orientation-date_decision": hier,
        },
    )
    assert _chiffres(client_agent)["Nouveaux entrants à orienter"] == 1

    client_agent.post(
        url("rendez_vous"),
        {
            "rendez_vous-version": 2,
            "rendez_vous-date": hier,
            "rendez_vous-heure": "10:00",
            "rendez_vous-nature": "individuel",
            "rendez_vous-presence": "present",
        },
    )
    assert _chiffres(client_agent)["personne sans rendez-vous depuis 3 mois"] == 0

    client_agent.post(
        url("transfert"),
        {"transfert-version": 3, "transfert-mdd_destination": MDDFactory().pk, "transfert-date": hier},
    )
    assert _chiffres(client_agent)["Personnes suivies"] == 1


def test_l_accueil_recompte_apres_un_import_d_entrants(client_agent, mdd):
    from parcours.imports.ecriture import enregistrer_parcours
    from parcours.models import Parcours
    from tests.parcours.factories import BeneficiaireFactory

    assert _chiffres(client_agent)["Personnes suivies"] == 0
    entrant = Parcours(
        beneficiaire=BeneficiaireFactory(), mdd=mdd, date_ouverture_droit=AUJOURDHUI, date_entree=AUJOURDHUI
    )
    enregistrer_parcours([entrant], None, timezone.now())
    assert _chiffres(client_agent)["Personnes suivies"] == 1


def test_une_generation_effacee_du_cache_ne_ressert_pas_d_anciens_chiffres(client_agent, mdd):
    from django.core.cache import caches

    from parcours.accueil import CLE_GENERATION

    assert _chiffres(client_agent)["Personnes suivies"] == 0
    ParcoursFactory(mdd=mdd)
    # The shared cache is full and culls this MDD's generation.
    caches["indicateurs"].delete(CLE_GENERATION.format(mdd.pk))
    assert _chiffres(client_agent)["Personnes suivies"] == 1


def test_les_agents_d_une_mdd_partagent_les_chiffres_mais_pas_leurs_accompagnements(client, agent, mdd):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.parcours.factories import agent_mdd

    collegue = agent_mdd(mdd)
    ParcoursFactory(mdd=mdd, referent=agent)
    ParcoursFactory(mdd=mdd, referent=collegue)
    ParcoursFactory(mdd=mdd, referent=collegue)
    client.force_login(agent)
    assert _chiffres(client)["Dont mes accompagnements"] == 1
    client.force_login(collegue)
    with CaptureQueriesContext(connection) as requetes:
        chiffres = _chiffres(client)
    assert (chiffres["Personnes suivies"], chiffres["Dont mes accompagnements"]) == (3, 2)
    assert _requete_des_chiffres(requetes.captured_queries) == [], "les chiffres de la MDD sont déjà comptés"
