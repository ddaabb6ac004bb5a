"""At the partner's, each step of a prescription has its own form with only what it needs (no exit motif while
proposed, nothing marked «(Optionnel)»), the prescriber's message is shown, the person's name is written as
everywhere else, and every home tile opens the list it counts."""

import datetime

import pytest
from django.urls import reverse

from config.accueil import accueil_pour
from parcours.choices import EtatPrescription as E
from parcours.models import Prescription
from tests.pacte.factories import UserFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, PartenaireFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partenaire_user(client):
    user = UserFactory(partenaire_user=True, partenaire=PartenaireFactory())
    client.force_login(user)
    return user


def _prescription(partenaire, **kwargs):
    beneficiaire = BeneficiaireFactory(nom="Roy", prenom="Pauline")
    return PrescriptionFactory(
        action=ActionFactory(partenaire=partenaire), parcours=ParcoursFactory(beneficiaire=beneficiaire), **kwargs
    )


def test_une_prescription_proposee_ne_demande_pas_de_motif_de_sortie(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire, message_au_partenaire="Disponible le matin.")
    page = client.get(reverse("partenaires:prescription_recue", args=[prescription.pk])).content.decode()
    assert "Motif de sortie" not in page
    assert "(Optionnel)" not in page
    assert 'id="id_acceptee_date"' in page and 'id="id_refusee_motif"' in page
    assert "Motif du refus" in page
    assert "Disponible le matin." in page
    assert "<h1>Prescription de ROY Pauline</h1>" in page


def test_un_refus_sans_motif_est_refuse_pres_du_champ(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire)
    url = reverse("partenaires:prescription_recue", args=[prescription.pk])
    reponse = client.post(url, {"etat": "refusee", "date": "2025-05-01"})
    assert "Indiquez le motif du refus." in reponse.content.decode()
    assert Prescription.objects.get(pk=prescription.pk).etat == E.PROPOSEE


def test_une_entree_propose_la_sortie_avec_son_motif(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire, etat=E.ENTREE, date_entree=datetime.date(2025, 4, 1))
    page = client.get(reverse("partenaires:prescription_recue", args=[prescription.pk])).content.decode()
    assert "Motif de sortie" in page and "Motif de l&#x27;abandon" in page
    assert "Motif du refus" not in page


def test_les_noms_s_ecrivent_pareil_dans_la_liste_et_la_page(client, partenaire_user):
    prescription = _prescription(partenaire_user.partenaire)
    liste = client.get(reverse("partenaires:prescriptions_recues")).content.decode()
    page = client.get(reverse("partenaires:prescription_recue", args=[prescription.pk])).content.decode()
    assert "ROY Pauline" in liste and "ROY Pauline" in page
    assert "Pauline ROY" not in liste + page


def test_chaque_tuile_de_l_accueil_est_un_lien(client, partenaire_user):
    assert all(tuile.lien for tuile in accueil_pour(partenaire_user).tuiles)
