"""The partner sees the prescriptions to its own actions (minimum data, logged) and moves them along."""

import datetime

import pytest
from django.urls import reverse

from pacte.models import JournalAcces
from parcours.choices import EtatPrescription as E
from parcours.models import Prescription, TransitionPrescription
from tests.pacte.factories import UserFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, PartenaireFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partenaire_user():
    return UserFactory(partenaire_user=True, partenaire=PartenaireFactory())


def _prescription(partenaire, **kwargs):
    beneficiaire = BeneficiaireFactory(nom="Lagarde", prenom="Inès", telephone="0555000000")
    return PrescriptionFactory(
        action=ActionFactory(partenaire=partenaire), parcours=ParcoursFactory(beneficiaire=beneficiaire), **kwargs
    )


def test_partenaire_voit_ses_prescriptions_avec_le_minimum_et_journalise(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire)
    autre = PrescriptionFactory(parcours__beneficiaire__nom="Autrestructure")
    client.force_login(partenaire_user)
    contenu = client.get(reverse("partenaires:prescriptions_recues")).content.decode()
    assert "LAGARDE" in contenu and "0555000000" in contenu
    assert prescription.parcours.mdd.nom in contenu
    assert "AUTRESTRUCTURE" not in contenu
    assert "VARIABLE INCONNUE" not in contenu
    assert JournalAcces.objects.filter(
        utilisateur=partenaire_user, beneficiaire_id=prescription.parcours.beneficiaire_id
    ).exists()
    assert not JournalAcces.objects.filter(beneficiaire_id=autre.parcours.beneficiaire_id).exists()


def test_partenaire_ne_voit_pas_la_prescription_d_un_autre(client, partenaire_user):
    autre = PrescriptionFactory()
    client.force_login(partenaire_user)
    assert client.get(reverse("partenaires:prescription_recue", args=[autre.pk])).status_code == 404
    reponse = client.post(
        reverse("partenaires:prescription_recue", args=[autre.pk]), {"etat": "acceptee", "date": "2025-05-01"}
    )
    assert reponse.status_code == 404
    assert Prescription.objects.get(pk=autre.pk).etat == E.PROPOSEE


def test_partenaire_accepte_puis_marque_l_entree(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire)
    client.force_login(partenaire_user)
    url = reverse("partenaires:prescription_recue", args=[prescription.pk])
    assert "Accepter" in client.get(url).content.decode()
    assert client.post(url, {"etat": "acceptee", "date": "2025-05-01"}).status_code == 302
    assert client.post(url, {"etat": "entree", "date": "2025-05-05"}).status_code == 302
    prescription.refresh_from_db()
    assert (prescription.etat, prescription.date_entree) == (E.ENTREE, datetime.date(2025, 5, 5))
    assert TransitionPrescription.objects.filter(prescription=prescription, par=partenaire_user).count() == 2


def test_sortie_sans_motif_de_sortie_refusee_dans_la_page(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire, etat=E.ENTREE, date_entree=datetime.date(2025, 4, 1))
    client.force_login(partenaire_user)
    url = reverse("partenaires:prescription_recue", args=[prescription.pk])
    reponse = client.post(url, {"etat": "sortie", "date": "2025-09-01"})
    assert reponse.status_code == 200
    assert "Indiquez le motif de sortie" in reponse.content.decode()
    assert Prescription.objects.get(pk=prescription.pk).etat == E.ENTREE
    client.post(url, {"etat": "sortie", "date": "2025-09-01", "type_sortie": "emploi_durable"})
    assert Prescription.objects.get(pk=prescription.pk).type_sortie == "emploi_durable"


def test_travailleur_social_n_a_pas_acces_a_l_espace_partenaire(client):
    client.force_login(UserFactory(travailleur_social=True))
    assert client.get(reverse("partenaires:prescriptions_recues")).status_code == 404


def test_liste_des_prescriptions_recues_a_un_nombre_de_requetes_constant(
    client, partenaire_user, django_assert_max_num_queries
):
    action = ActionFactory(partenaire=partenaire_user.partenaire)
    client.force_login(partenaire_user)
    for _ in range(5):
        PrescriptionFactory(action=action)
    with django_assert_max_num_queries(12):
        client.get(reverse("partenaires:prescriptions_recues"))
    for _ in range(45):
        PrescriptionFactory(action=action)
    with django_assert_max_num_queries(12):
        client.get(reverse("partenaires:prescriptions_recues"))


def test_changement_d_etat_en_htmx_renvoie_la_section_de_suivi(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire)
    client.force_login(partenaire_user)
    reponse = client.post(
        reverse("partenaires:prescription_recue", args=[prescription.pk]),
        {"etat": "acceptee", "date": "2025-05-01"},
        headers={"HX-Request": "true"},
    )
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "<html" not in contenu
    assert "Suivi : Acceptée" in contenu and "maintenant « acceptée »" in contenu
    assert Prescription.objects.get(pk=prescription.pk).etat == E.ACCEPTEE


def test_referent_thematique_ne_voit_aucune_prescription_nominative(client):
    prescription = PrescriptionFactory()
    client.force_login(UserFactory(referent_thematique=True))
    assert client.get(reverse("partenaires:prescriptions_recues")).status_code == 404
    assert client.get(reverse("partenaires:prescription_recue", args=[prescription.pk])).status_code == 404
