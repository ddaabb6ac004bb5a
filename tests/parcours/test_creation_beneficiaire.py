"""Creating a beneficiary in the browser: the candidates are shown, a silent duplicate is refused."""

import pytest
from django.urls import reverse

from parcours.models import Beneficiaire, Parcours
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
URL = reverse("parcours:creer")


def donnees(mdd, **champs):
    return {
        "organisme_payeur": "caf",
        "numero_allocataire": "2345678",
        "qualite": "demandeur",
        "nom": "Dupré",
        "prenom": "Zoé",
        "date_naissance": "1990-05-04",
        "mdd": mdd.pk,
        "date_ouverture_droit": "2025-01-02",
        "date_entree": "2025-01-10",
        **champs,
    }


def test_l_agent_cree_un_beneficiaire_et_arrive_sur_son_parcours(client_agent, mdd):
    response = client_agent.post(URL, donnees(mdd))
    parcours = Parcours.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("parcours:fiche", args=[parcours.pk])
    assert parcours.beneficiaire.nom_recherche == "dupre zoe"


def test_un_doublon_montre_les_candidats_puis_s_enregistre_sur_confirmation(client_agent, mdd):
    existant = BeneficiaireFactory(nom="DUPRE", prenom="Zoe", date_naissance="1990-05-04")
    ParcoursFactory(beneficiaire=existant, mdd=MDDFactory(nom="MDD de Châlus"))
    response = client_agent.post(URL, donnees(mdd))
    contenu = response.content.decode()
    assert response.status_code == 200
    assert "Cette personne existe peut-être déjà" in contenu
    assert "VARIABLE INCONNUE" not in contenu
    assert "MDD de Châlus" in contenu
    assert "il s&#x27;agit d&#x27;une autre personne" in contenu
    assert Beneficiaire.objects.count() == 1
    client_agent.post(URL, donnees(mdd, confirme_autre_personne="on"))
    assert Beneficiaire.objects.count() == 2


def test_le_meme_numero_allocataire_est_refuse(client_agent, mdd):
    BeneficiaireFactory(numero_allocataire="2345678", qualite="demandeur")
    response = client_agent.post(URL, donnees(mdd, confirme_autre_personne="on"))
    assert "même qualité est déjà enregistrée" in response.content.decode()
    assert Beneficiaire.objects.count() == 1


def test_un_agent_ne_cree_que_dans_sa_mdd(client_agent):
    response = client_agent.post(URL, donnees(MDDFactory()))
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert Beneficiaire.objects.count() == 0


def test_le_charge_d_orientation_cree_puis_oriente(client, mdd):
    client.force_login(UserFactory(charge_orientation=True))
    response = client.post(URL, donnees(mdd))
    parcours = Parcours.objects.get()
    assert response.url == reverse("parcours:orienter", args=[parcours.pk])


def test_numero_allocataire_invalide_refuse(client_agent, mdd):
    response = client_agent.post(URL, donnees(mdd, numero_allocataire="12AB"))
    assert "de 7 à 13 chiffres" in response.content.decode()
    assert Beneficiaire.objects.count() == 0


def test_une_personne_sortie_du_dispositif_se_voit_rouvrir_un_parcours(client_agent, mdd):
    import datetime

    existant = BeneficiaireFactory(numero_allocataire="2345678", qualite="demandeur", nom="Dupré", prenom="Zoé")
    ParcoursFactory(
        beneficiaire=existant, mdd=mdd, date_sortie=datetime.date(2024, 12, 1), date_entree=datetime.date(2024, 1, 1)
    )
    response = client_agent.post(URL, donnees(mdd))
    contenu = response.content.decode()
    assert "Ouvrir un nouveau parcours" in contenu
    assert 'name="rouvrir"' in contenu
    response = client_agent.post(URL, donnees(mdd, rouvrir=existant.pk))
    assert response.status_code == 302
    assert Beneficiaire.objects.count() == 1
    assert existant.parcours.count() == 2
    assert existant.parcours.filter(date_sortie__isnull=True).count() == 1


def test_rouvrir_un_beneficiaire_qui_n_est_pas_un_candidat_repond_404(client_agent, mdd):
    autre = BeneficiaireFactory(nom="Sans", prenom="Rapport")
    response = client_agent.post(URL, donnees(mdd, rouvrir=autre.pk))
    assert response.status_code == 404
    assert Parcours.objects.count() == 0
