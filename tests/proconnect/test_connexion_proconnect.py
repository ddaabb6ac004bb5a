"""The whole ProConnect redirect dance against a real OpenID Connect provider on 127.0.0.1: the agent known by
their e-mail logs in and keeps their sub; every forged, stale or unfit answer is refused in French, nothing written."""

import sqlite3

import pytest
from axes.models import AccessAttempt
from django.contrib.messages import get_messages

from pacte.models import DemandeAcces, JournalAcces, User
from pacte.views.proconnect import ETAT_INCONNU
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db

CAMILLE = "camille.dupuy@departement.test"


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_refuse(response, client, message):
    assert response.status_code == 302
    assert response.url == "/connexion/"
    assert any(message in m for m in messages_de(response)), messages_de(response)
    assert "_auth_user_id" not in client.session
    assert not JournalAcces.objects.filter(nature="connexion").exists()
    assert not DemandeAcces.objects.exists()


def test_un_agent_connu_par_son_adresse_se_connecte_et_garde_son_sub(danse, client):
    agent = UserFactory(email=CAMILLE)
    parametres = danse.aller("camille")
    # PKCE, state and nonce all go to the provider.
    assert danse.autorisation["code_challenge_method"] == ["S256"]
    assert danse.autorisation["nonce"] and danse.autorisation["state"] and danse.autorisation["code_challenge"]
    assert danse.autorisation["scope"] == ["openid email given_name usual_name uid siret"]

    response = danse.revenir(parametres)

    assert response.status_code == 302 and response.url == "/"
    assert client.session["_auth_user_id"] == str(agent.pk)
    agent.refresh_from_db()
    assert agent.proconnect_sub
    assert JournalAcces.objects.get(nature="connexion").libelle == "par ProConnect"
    assert client.get("/").status_code == 200


def test_l_agent_dont_l_adresse_a_change_est_reconnu_par_son_sub(danse, client):
    agent = UserFactory(email=CAMILLE)
    danse.connecter("camille")
    agent.refresh_from_db()
    User.objects.filter(pk=agent.pk).update(email="camille.ancienne@departement.test")
    client.logout()

    response = danse.connecter("camille")

    assert response.url == "/"
    agent.refresh_from_db()
    assert agent.email == CAMILLE
    assert client.session["_auth_user_id"] == str(agent.pk)


def test_une_adresse_deja_liee_a_une_autre_identite_est_refusee(danse, client):
    agent = UserFactory(email=CAMILLE, proconnect_sub="une-autre-personne")
    response = danse.connecter("camille")
    assert_refuse(response, client, "rattaché à une autre identité ProConnect")
    agent.refresh_from_db()
    assert agent.proconnect_sub == "une-autre-personne"


def test_un_agent_inconnu_d_un_domaine_autorise_attend_un_administrateur(danse, client):
    response = danse.connecter("nouvelle")

    assert response.status_code == 302 and response.url == "/proconnect/acces-en-attente/"
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()
    demande = DemandeAcces.objects.get()
    assert (demande.email, demande.first_name, demande.last_name) == (
        "nadia.nouvelle@departement.test",
        "Nadia",
        "Nouvelle",
    )
    assert demande.statut == DemandeAcces.Statut.EN_ATTENTE
    page = client.get(response.url).content.decode()
    assert "Un administrateur du pacte doit d'abord vous attribuer un rôle et une maison du département" in page
    assert "nadia.nouvelle@departement.test" in page


def test_un_etat_faux_est_refuse(danse, client):
    agent = UserFactory(email=CAMILLE)
    parametres = danse.aller("camille")
    response = danse.revenir({**parametres, "state": "un-etat-fabrique"})
    assert_refuse(response, client, ETAT_INCONNU)
    agent.refresh_from_db()
    assert agent.proconnect_sub is None


def test_un_code_expire_est_refuse(danse, client, proconnect):
    agent = UserFactory(email=CAMILLE)
    parametres = danse.aller("camille")
    with sqlite3.connect(proconnect.base) as base:
        base.execute("UPDATE oauth2_provider_grant SET expires = '2000-01-01 00:00:00'")
    response = danse.revenir(parametres)
    assert_refuse(response, client, "Le code de connexion a expiré ou a déjà servi.")
    agent.refresh_from_db()
    assert agent.proconnect_sub is None


def test_une_reponse_destinee_a_un_autre_service_est_refusee(danse, client):
    agent = UserFactory(email="alex.audience@departement.test")
    response = danse.connecter("audience-fausse")
    assert_refuse(response, client, "La réponse de ProConnect était destinée à un autre service.")
    agent.refresh_from_db()
    assert agent.proconnect_sub is None


def test_une_adresse_non_verifiee_est_refusee(danse, client):
    agent = UserFactory(email="nina.nonverifiee@departement.test")
    response = danse.connecter("non-verifiee")
    assert_refuse(response, client, "Votre adresse électronique n'est pas vérifiée par votre fournisseur d'identité")
    agent.refresh_from_db()
    assert agent.proconnect_sub is None


def test_un_domaine_non_autorise_est_refuse_sans_demande_d_acces(danse, client):
    response = danse.connecter("hors-domaine")
    assert_refuse(response, client, "Les adresses en @ailleurs.test ne donnent pas accès à ce service.")
    assert not User.objects.exists()


def test_un_nonce_qui_ne_correspond_pas_est_refuse(danse, client):
    agent = UserFactory(email=CAMILLE)
    parametres = danse.aller("camille")
    session = client.session
    session["oidc_states"][parametres["state"]]["nonce"] = "un-autre-nonce"
    session.save()
    response = danse.revenir(parametres)
    assert_refuse(response, client, "La réponse de ProConnect n'a pas pu être vérifiée.")
    agent.refresh_from_db()
    assert agent.proconnect_sub is None


def test_un_refus_du_fournisseur_est_annonce_en_francais(danse, client):
    parametres = danse.aller("camille")
    response = danse.revenir({"state": parametres["state"], "error": "access_denied"})
    assert_refuse(response, client, "ProConnect n'a pas pu vous identifier.")
    # The library forgets the state: the same answer cannot be replayed.
    assert parametres["state"] not in client.session.get("oidc_states", {})


def test_un_compte_desactive_est_refuse(danse, client):
    UserFactory(email=CAMILLE, is_active=False)
    response = danse.connecter("camille")
    assert_refuse(response, client, "Ce compte est désactivé.")


def test_un_echec_proconnect_compte_pour_le_blocage(danse, client):
    UserFactory(email="nina.nonverifiee@departement.test")
    danse.connecter("non-verifiee")
    assert AccessAttempt.objects.get(username="nina.nonverifiee@departement.test").failures_since_start == 1


def test_un_compte_bloque_par_les_mots_de_passe_faux_l_est_aussi_pour_proconnect(danse, client, settings):
    agent = UserFactory(email=CAMILLE)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/connexion/", {"username": CAMILLE, "password": "faux"})
    response = danse.connecter("camille")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    agent.refresh_from_db()
    assert agent.proconnect_sub is None


def test_la_deconnexion_ferme_aussi_la_session_proconnect(danse, client, proconnect):
    UserFactory(email=CAMILLE)
    danse.connecter("camille")
    id_token = client.session["oidc_id_token"]

    response = client.post("/deconnexion/")

    assert "_auth_user_id" not in client.session
    assert response.url.startswith(f"{proconnect.issuer}/logout/?")
    assert f"id_token_hint={id_token}" in response.url
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Fconnexion%2F" in response.url
    fin = danse.navigateur.get(response.url, allow_redirects=False)
    assert fin.status_code == 302 and fin.headers["Location"].startswith("http://testserver/connexion/?state=")
    # The provider forgot the agent: a new authorization asks them to log in again.
    depart = client.get("/proconnect/connexion/")
    assert "/se-connecter/" in danse.navigateur.get(depart.url, allow_redirects=False).headers["Location"]


def test_la_connexion_par_mot_de_passe_est_journalisee_aussi(client):
    UserFactory(email=CAMILLE)
    client.post("/connexion/", {"username": CAMILLE, "password": "mot-de-passe-de-test"})
    assert JournalAcces.objects.get(nature="connexion").libelle == "par mot de passe"


def test_un_fournisseur_injoignable_donne_un_message_francais(client, proconnect, settings):
    settings.PROCONNECT_ISSUER = "http://127.0.0.1:9/o"
    response = client.get("/proconnect/connexion/")
    assert response.url == "/connexion/"
    assert "ProConnect ne répond pas pour le moment." in messages_de(response)[0]
    assert "oidc_states" not in client.session


def test_un_document_de_decouverte_d_un_autre_emetteur_est_refuse(client, proconnect, settings):
    # The same provider reached by another name announces its own issuer: not the one configured.
    settings.PROCONNECT_ISSUER = proconnect.issuer.replace("127.0.0.1", "localhost")
    response = client.get("/proconnect/connexion/")
    assert response.url == "/connexion/"
    assert "ProConnect ne répond pas pour le moment." in messages_de(response)[0]


def test_le_retour_de_proconnect_tient_en_peu_de_requetes(danse, client, django_assert_max_num_queries):
    UserFactory(email=CAMILLE)
    danse.connecter("camille")  # the first login keeps the sub; the next ones are the everyday case
    client.logout()
    parametres = danse.aller("camille")
    # Sessions, django-axes' checks and logs, the user, last_login and the journal: measured 24.
    with django_assert_max_num_queries(26):
        assert danse.revenir(parametres).url == "/"


def test_la_deconnexion_d_un_agent_connecte_par_mot_de_passe_reste_locale(client, proconnect):
    UserFactory(email=CAMILLE)
    client.post("/connexion/", {"username": CAMILLE, "password": "mot-de-passe-de-test"})
    response = client.post("/deconnexion/")
    assert response.url == "/connexion/"
    assert "_auth_user_id" not in client.session


def test_une_personne_dont_la_demande_a_ete_refusee_le_lit(danse, client):
    danse.connecter("nouvelle")
    DemandeAcces.objects.update(statut=DemandeAcces.Statut.REFUSEE)
    client.session.flush()
    response = danse.connecter("nouvelle")
    assert response.url == "/proconnect/acces-en-attente/"
    assert "Votre demande d'accès a été refusée" in client.get(response.url).content.decode()
    assert "_auth_user_id" not in client.session
    assert DemandeAcces.objects.get().statut == DemandeAcces.Statut.REFUSEE
