"""The worker's home page: alerts counted in the database, each a link to the filtered list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacte.accueil import accueil_pour
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
    with django_assert_max_num_queries(10):
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
    assert accueil.alertes[0].lien == reverse("parcours:a_orienter")
