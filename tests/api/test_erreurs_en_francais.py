"""Errors of the API: French messages, the right status, nothing written."""

import pytest

from parcours.models import Prescription, TransitionPrescription
from tests.api.conftest import client_avec_jeton

pytestmark = pytest.mark.django_db


def url_changement(prescription):
    return f"/api/v1/prescriptions/{prescription.pk}/changer-etat/"


def test_un_json_malforme_est_refuse_en_400_sans_rien_ecrire(monde, partenaire_a):
    prescription = monde["prescriptions"][(monde["mdd_a"].pk, monde["action_a"].pk)]
    reponse = client_avec_jeton(partenaire_a).post(
        url_changement(prescription), data='{"etat": "acceptee",', content_type="application/json"
    )
    assert reponse.status_code == 400
    assert reponse.json() == {"detail": "Le corps de la requête n'est pas un JSON valide."}
    prescription.refresh_from_db()
    assert prescription.etat == "proposee"
    assert not TransitionPrescription.objects.exists()


def test_un_type_de_contenu_non_json_est_refuse_en_415(monde, partenaire_a):
    prescription = monde["prescriptions"][(monde["mdd_a"].pk, monde["action_a"].pk)]
    reponse = client_avec_jeton(partenaire_a).post(
        url_changement(prescription), data="etat=acceptee", content_type="text/plain"
    )
    assert reponse.status_code == 415
    assert "envoyez du JSON" in reponse.json()["detail"]


def test_une_methode_non_permise_est_refusee_en_francais(monde, partenaire_a):
    reponse = client_avec_jeton(partenaire_a).delete("/api/v1/territoires/")
    assert reponse.status_code == 405
    assert reponse.json() == {"detail": "Méthode « DELETE » non autorisée sur cette adresse."}


def test_une_adresse_inconnue_repond_404_en_francais(monde, partenaire_a):
    reponse = client_avec_jeton(partenaire_a).get("/api/v1/prescriptions/999999/")
    assert reponse.status_code == 404
    assert reponse.json() == {"detail": "Ressource introuvable, ou hors de votre périmètre."}


def test_une_page_de_resultats_inexistante_repond_404_en_francais(monde, partenaire_a):
    reponse = client_avec_jeton(partenaire_a).get("/api/v1/territoires/?page=99")
    assert reponse.status_code == 404
    assert reponse.json()["detail"] == "Page introuvable : cette page de résultats n'existe pas."


def test_un_champ_invalide_est_explique_en_francais(monde, partenaire_a):
    prescription = monde["prescriptions"][(monde["mdd_a"].pk, monde["action_a"].pk)]
    reponse = client_avec_jeton(partenaire_a).post(url_changement(prescription), {"etat": "volatilisee"}, format="json")
    assert reponse.status_code == 400
    assert reponse.json() == {"etat": ["«\xa0volatilisee\xa0» n'est pas un choix valide."]}
    assert Prescription.objects.get(pk=prescription.pk).etat == "proposee"


def test_trop_de_requetes_repond_429_en_francais(monde, partenaire_a, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": "2/minute"})
    client = client_avec_jeton(partenaire_a)
    statuts = [client.get("/api/v1/territoires/").status_code for _ in range(3)]
    assert statuts == [200, 200, 429]
    assert client.get("/api/v1/territoires/").json()["detail"].startswith("Trop de requêtes.")
