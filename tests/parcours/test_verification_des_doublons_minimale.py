"""The duplicate check of the creation form shows only what avoids a double (the MDD to contact) for someone
outside the user's scope, is limited per user and minute, and logs each lookup."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacte.models import JournalAcces
from parcours.models import Beneficiaire
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
URL = reverse("parcours:creer")


def donnees(mdd, **champs):
    return {
        "organisme_payeur": "caf",
        "numero_allocataire": "2345678",
        "qualite": "demandeur",
        "nom": "Essai",
        "prenom": "Sonde",
        "date_naissance": "1991-01-01",
        "mdd": mdd.pk,
        "date_ouverture_droit": "2025-01-02",
        "date_entree": "2025-01-10",
        **champs,
    }


@pytest.fixture
def hors_perimetre():
    """Someone followed by another MDD, with the number the user is about to type."""
    personne = BeneficiaireFactory(
        numero_allocataire="2345678", qualite="demandeur", nom="Secrète", prenom="Personne", date_naissance="1970-06-15"
    )
    ParcoursFactory(beneficiaire=personne, mdd=MDDFactory(nom="MDD de Saint-Junien"))
    return personne


def test_hors_du_perimetre_seule_la_mdd_a_contacter_est_montree(client_agent, mdd, hors_perimetre):
    contenu = client_agent.post(URL, donnees(mdd)).content.decode()
    assert "même qualité est déjà enregistrée" in contenu
    assert "MDD de Saint-Junien : contactez cette MDD" in contenu
    assert "Personne suivie hors de votre périmètre" in contenu
    for secret in ("Secrète", "SECRÈTE", "15/06/1970", "1970"):
        assert secret not in contenu
    assert contenu.count("2345678") == contenu.count('value="2345678"')  # only the user's own typing
    assert Beneficiaire.objects.count() == 1


def test_dans_le_perimetre_la_personne_est_montree_avec_son_lien(client_agent, mdd):
    personne = BeneficiaireFactory(numero_allocataire="2345678", qualite="demandeur", nom="Connue")
    parcours = ParcoursFactory(beneficiaire=personne, mdd=mdd)
    contenu = client_agent.post(URL, donnees(mdd)).content.decode()
    assert str(personne) in contenu
    assert reverse("parcours:fiche", args=[parcours.pk]) in contenu


def test_chaque_verification_est_journalisee_en_une_insertion(client_agent, mdd, hors_perimetre):
    with CaptureQueriesContext(connection) as requetes:
        client_agent.post(URL, donnees(mdd))
    inserts = [
        q for q in requetes.captured_queries if q["sql"].startswith("INSERT") and "pacte_journalacces" in q["sql"]
    ]
    assert len(inserts) == 1
    entree = JournalAcces.objects.get()
    assert (entree.objet, entree.beneficiaire_id) == ("bénéficiaire", hors_perimetre.pk)
    assert entree.libelle.startswith("Vérification des doublons")
    # A check that finds nobody is logged too, with the person then created.
    client_agent.post(URL, donnees(mdd, numero_allocataire="3456789"))
    cree = Beneficiaire.objects.get(numero_allocataire="3456789")
    assert JournalAcces.objects.filter(
        beneficiaire_id=cree.pk, libelle__startswith="Vérification des doublons"
    ).exists()


def test_au_dela_de_la_limite_par_minute_la_verification_est_refusee_en_francais(client_agent, mdd, settings):
    settings.PACTE_VERIFICATIONS_DOUBLONS_PAR_MINUTE = 3
    for i in range(3):
        client_agent.post(URL, donnees(mdd, numero_allocataire=f"900000{i}", nom=f"Essai{i}"))
    assert Beneficiaire.objects.count() == 3
    reponse = client_agent.post(URL, donnees(mdd, numero_allocataire="9000009", nom="EssaiDeTrop"))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Trop de vérifications de doublons en une minute" in contenu
    assert Beneficiaire.objects.count() == 3
    assert not JournalAcces.objects.filter(libelle__contains="doublons", beneficiaire_id=None).exists()
