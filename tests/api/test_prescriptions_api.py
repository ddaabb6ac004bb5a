"""A partner moves the prescriptions addressed to it through their states, with parcours.prescriptions.changer_etat."""

import pytest

from pacte.models import JournalAcces
from parcours.models import Prescription, TransitionPrescription
from tests.api.conftest import client_avec_jeton
from tests.parcours.factories import ParcoursFactory, PrescriptionFactory

pytestmark = pytest.mark.django_db


def changer(client, prescription, **donnees):
    return client.post(f"/api/v1/prescriptions/{prescription.pk}/changer-etat/", donnees, format="json")


@pytest.fixture
def prescription(monde):
    return monde["prescriptions"][(monde["mdd_a"].pk, monde["action_a"].pk)]


def test_le_partenaire_accepte_puis_fait_entrer_la_personne(prescription, partenaire_a):
    client = client_avec_jeton(partenaire_a)
    reponse = changer(client, prescription, etat="acceptee")
    assert reponse.status_code == 200
    assert reponse.json()["etat"] == "acceptee"
    assert reponse.json()["transitions_possibles"] == ["refusee", "entree", "abandon"]
    reponse = changer(client, prescription, etat="entree", date="2025-05-02")
    assert reponse.status_code == 200
    prescription.refresh_from_db()
    assert (prescription.etat, str(prescription.date_entree)) == ("entree", "2025-05-02")
    assert list(TransitionPrescription.objects.values_list("etat_avant", "etat_apres", "par")) == [
        ("proposee", "acceptee", partenaire_a.pk),
        ("acceptee", "entree", partenaire_a.pk),
    ]


def test_une_transition_interdite_repond_400_en_francais_sans_rien_ecrire(prescription, partenaire_a):
    reponse = changer(client_avec_jeton(partenaire_a), prescription, etat="sortie", type_sortie="emploi_durable")
    assert reponse.status_code == 400
    assert reponse.json() == {"detail": "Une prescription « proposée » ne peut pas passer à l'état « sortie »."}
    prescription.refresh_from_db()
    assert prescription.etat == "proposee"
    assert not TransitionPrescription.objects.exists()


def test_un_refus_sans_motif_est_refuse_et_nomme_le_champ(prescription, partenaire_a):
    reponse = changer(client_avec_jeton(partenaire_a), prescription, etat="refusee")
    assert reponse.status_code == 400
    assert reponse.json() == {"motif": ["Indiquez le motif du refus."]}
    assert Prescription.objects.get(pk=prescription.pk).etat == "proposee"


def test_la_prescription_d_un_autre_partenaire_repond_404_sans_rien_ecrire(monde, partenaire_a):
    autre = monde["prescriptions"][(monde["mdd_a"].pk, monde["action_b"].pk)]
    reponse = changer(client_avec_jeton(partenaire_a), autre, etat="acceptee")
    assert reponse.status_code == 404
    assert Prescription.objects.get(pk=autre.pk).etat == "proposee"
    assert not TransitionPrescription.objects.exists()


def test_un_travailleur_social_ne_change_pas_l_etat_par_l_api(monde, prescription):
    from tests.api.conftest import utilisateur_du_role

    user = utilisateur_du_role("travailleur_social", monde)
    assert changer(client_avec_jeton(user), prescription, etat="acceptee").status_code == 403
    assert Prescription.objects.get(pk=prescription.pk).etat == "proposee"


def test_chaque_personne_affichee_est_journalisee(monde, partenaire_a):
    client_avec_jeton(partenaire_a).get("/api/v1/prescriptions/")
    visibles = Prescription.objects.visible_par(partenaire_a)
    assert sorted(JournalAcces.objects.values_list("beneficiaire_id", flat=True)) == sorted(
        visibles.values_list("parcours__beneficiaire_id", flat=True)
    )


def test_les_filtres_par_etat_et_action(monde, partenaire_a):
    client = client_avec_jeton(partenaire_a)
    reponse = client.get("/api/v1/prescriptions/", {"etat": "entree"})
    assert [p["etat"] for p in reponse.json()["results"]] == ["entree"]
    reponse = client.get("/api/v1/prescriptions/", {"action": monde["action_a"].pk})
    assert reponse.json()["count"] == 3


@pytest.mark.parametrize("nombre", [5, 50])
def test_la_liste_coute_un_nombre_constant_de_requetes(monde, partenaire_a, nombre, django_assert_max_num_queries):
    for _ in range(nombre):
        PrescriptionFactory(parcours=ParcoursFactory(mdd=monde["mdd_a"]), action=monde["action_a"])
    client = client_avec_jeton(partenaire_a)
    with django_assert_max_num_queries(6):
        reponse = client.get("/api/v1/prescriptions/", {"taille": 100})
    assert reponse.json()["count"] == nombre + 3
