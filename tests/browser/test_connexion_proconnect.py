"""In Chromium: the login page with both buttons is accessible, the ProConnect button takes the agent through a real
OpenID Connect provider and back home, and the administrator's access-request pages are accessible too."""

import pytest

from pacte.proconnect.agents import enregistrer_demande
from tests.pacte.factories import UserFactory
from tests.proconnect.conftest import arreter, configurer_proconnect, demarrer_fournisseur


@pytest.fixture(scope="module")
def fournisseur_du_navigateur(tmp_path_factory, live_server):
    processus, fournisseur = demarrer_fournisseur(tmp_path_factory.mktemp("fournisseur"), [live_server.url])
    yield fournisseur
    arreter(processus)


@pytest.fixture
def avec_proconnect(settings, fournisseur_du_navigateur):
    configurer_proconnect(settings, fournisseur_du_navigateur)
    return fournisseur_du_navigateur


def test_la_page_de_connexion_aux_deux_boutons_est_accessible(
    page, live_server, avec_proconnect, verifier_accessibilite
):
    page.goto(f"{live_server.url}/connexion/")
    assert page.get_by_role("button", name="S'identifier avec ProConnect").is_visible()
    assert page.get_by_role("button", name="Se connecter").is_visible()
    assert page.get_by_role("link", name="Qu'est-ce que ProConnect ?").is_visible()
    assert page.locator("h1").count() == 1 and page.locator("h2").count() == 2
    verifier_accessibilite(page)


def test_un_agent_se_connecte_par_proconnect_dans_le_navigateur(page, live_server, avec_proconnect, transactional_db):
    UserFactory(email="camille.dupuy@departement.test", administrateur=True)
    # The agent is already known to their identity provider (its own login page is not what is tested here).
    page.goto(f"{avec_proconnect.url}/se-connecter/camille/?next=/o/.well-known/openid-configuration")
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_role("button", name="S'identifier avec ProConnect").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Pilotage du pacte"
    # The logout goes through the provider's end of session and back to our login page.
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{live_server.url}/connexion/?state=*")
    assert page.get_by_role("button", name="S'identifier avec ProConnect").is_visible()


def test_les_pages_des_demandes_d_acces_sont_accessibles(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    demande = enregistrer_demande(
        {"sub": "s-1", "email": "nadia.nouvelle@departement.test", "given_name": "Nadia", "usual_name": "Nouvelle"}
    )
    se_connecter(comptes_demo["administrateur"]["email"])
    page.goto(f"{live_server.url}/demandes-acces/")
    assert "nadia.nouvelle@departement.test" in page.locator("table").inner_text()
    verifier_accessibilite(page)
    page.goto(f"{live_server.url}/demandes-acces/{demande.pk}/")
    verifier_accessibilite(page)
    page.get_by_label("Rôle").select_option("charge_orientation")
    page.get_by_role("button", name="Accorder l'accès").click()
    page.wait_for_url(f"{live_server.url}/demandes-acces/")
    assert "Approuvée" in page.locator("table").inner_text()
