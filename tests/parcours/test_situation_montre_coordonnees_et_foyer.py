"""«Situation» shows the phone, the address, the e-mail and the household; the orientation page shows what to
decide on (commune, freins, household); the contract's hours read «15 h»."""

import pytest
from django.urls import reverse

from pacte.models import JournalAcces
from tests.pacte.factories import CommuneFactory, MDDFactory, UserFactory
from tests.parcours.factories import (
    BeneficiaireFactory,
    ContratEngagementFactory,
    FreinFactory,
    OrientationFactory,
    ParcoursFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def foyer(mdd):
    commune = CommuneFactory(nom="Bessines-sur-Gartempe", code_postal="87250", mdd=mdd)
    demandeur = BeneficiaireFactory(
        nom="Roy",
        prenom="Pauline",
        numero_allocataire="7654321",
        commune=commune,
        adresse="3 rue des Écoles",
        telephone="0555123456",
        email="pauline.roy@exemple.fr",
    )
    conjoint = BeneficiaireFactory(nom="Roy", prenom="Marc", numero_allocataire="7654321", qualite="conjoint")
    return demandeur, conjoint


def test_la_situation_montre_coordonnees_et_foyer(client_agent, mdd, foyer):
    demandeur, conjoint = foyer
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=demandeur)
    parcours_conjoint = ParcoursFactory(mdd=mdd, beneficiaire=conjoint)
    OrientationFactory(parcours=parcours)
    ContratEngagementFactory(parcours=parcours, heures_hebdomadaires="15.0")
    contenu = client_agent.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode()
    for attendu in ("0555123456", "3 rue des Écoles, 87250 Bessines-sur-Gartempe", "pauline.roy@exemple.fr"):
        assert attendu in contenu
    assert f'href="{reverse("parcours:fiche", args=[parcours_conjoint.pk])}">ROY Marc</a>' in contenu
    assert "15\u00a0h d&#x27;activité par semaine" in contenu
    assert "15.0 h" not in contenu


def test_le_conjoint_d_une_autre_mdd_est_nomme_sans_lien(client_agent, mdd, foyer):
    demandeur, conjoint = foyer
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=demandeur)
    autre = ParcoursFactory(mdd=MDDFactory(), beneficiaire=conjoint)
    contenu = client_agent.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode()
    assert "Conjoint : ROY Marc" in contenu
    assert reverse("parcours:fiche", args=[autre.pk]) not in contenu


def test_la_page_d_orientation_montre_commune_freins_et_foyer(client, mdd, foyer):
    demandeur, _ = foyer
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=demandeur)
    FreinFactory(parcours=parcours, categorie="mobilite")
    charge = UserFactory(charge_orientation=True)
    client.force_login(charge)
    contenu = client.get(reverse("parcours:orienter", args=[parcours.pk])).content.decode()
    assert "87250 Bessines-sur-Gartempe" in contenu
    assert "Mobilité" in contenu
    assert "Conjoint : ROY Marc" in contenu
    assert JournalAcces.objects.filter(utilisateur=charge, objet_id=parcours.pk).exists()
