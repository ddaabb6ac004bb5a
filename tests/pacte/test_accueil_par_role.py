"""Each role lands on its own home page with real counts from the database, never placeholders."""

import datetime

import pytest

from tests.pacte.factories import MDDFactory, ThematiqueFactory, UserFactory
from tests.parcours.factories import OrientationFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, PartenaireFactory

pytestmark = pytest.mark.django_db


def _tuiles(response):
    return {t.libelle: t.valeur for t in response.context["page"].tuiles}


def test_le_travailleur_social_voit_les_chiffres_de_sa_mdd(client):
    mdd, autre = MDDFactory(), MDDFactory()
    for _ in range(3):
        OrientationFactory(parcours=ParcoursFactory(mdd=mdd))
    ParcoursFactory(mdd=mdd)
    ParcoursFactory(mdd=autre)
    client.force_login(UserFactory(travailleur_social=True, mdds=[mdd]))
    response = client.get("/")
    assert response.status_code == 200
    tuiles = _tuiles(response)
    assert tuiles["Personnes suivies"] == 4
    assert tuiles["Nouveaux entrants à orienter"] == 1
    assert "<h1>Ma file active</h1>" in response.content.decode()


def test_le_charge_d_orientation_voit_la_file_du_departement(client):
    aujourdhui = datetime.date.today()
    ParcoursFactory(date_entree=aujourdhui - datetime.timedelta(days=45))
    ParcoursFactory(date_entree=aujourdhui)
    OrientationFactory()
    client.force_login(UserFactory(charge_orientation=True))
    tuiles = _tuiles(client.get("/"))
    assert tuiles["Personnes à orienter"] == 2
    assert tuiles["En attente depuis plus de 30 jours"] == 1


def test_le_referent_thematique_voit_les_actions_de_ses_thematiques(client):
    theme, autre = ThematiqueFactory(), ThematiqueFactory()
    action = ActionFactory(objectif__thematique=theme, places=12, date_debut=datetime.date(2020, 1, 1))
    ActionFactory(objectif__thematique=autre, places=99)
    PrescriptionFactory(action=action, etat="entree", date_entree=datetime.date(2025, 5, 1))
    client.force_login(UserFactory(referent_thematique=True, thematiques=[theme]))
    tuiles = _tuiles(client.get("/"))
    assert tuiles["Actions en cours"] == 1
    assert tuiles["Places conventionnées"] == 12
    assert tuiles["Personnes entrées"] == 1


def test_le_partenaire_voit_les_prescriptions_de_ses_actions(client):
    partenaire = PartenaireFactory(raison_sociale="Chantier de la Vienne")
    action = ActionFactory(partenaire=partenaire)
    PrescriptionFactory(action=action)
    PrescriptionFactory(action=action)
    PrescriptionFactory()
    client.force_login(UserFactory(partenaire_user=True, partenaire=partenaire))
    response = client.get("/")
    assert _tuiles(response)["Prescriptions à traiter"] == 2
    assert "Chantier de la Vienne" in response.content.decode()


def test_l_administrateur_voit_les_chiffres_du_departement(client):
    ParcoursFactory()
    OrientationFactory()
    ActionFactory()
    client.force_login(UserFactory(administrateur=True))
    tuiles = _tuiles(client.get("/"))
    assert tuiles["Parcours ouverts"] == 2
    assert tuiles["Nouveaux entrants à orienter"] == 1
    assert tuiles["Actions ouvertes"] == 1


@pytest.mark.parametrize(
    "trait", ["travailleur_social", "responsable_mdd", "charge_orientation", "referent_thematique", "administrateur"]
)
def test_chaque_accueil_a_la_mise_en_page_de_l_etat_et_aucune_variable_inconnue(client, trait, operateur_etat):
    client.force_login(UserFactory(**{trait: True}))
    contenu = client.get("/").content.decode()
    assert contenu.count("<h1") == 1
    assert 'class="fr-skiplinks"' in contenu
    assert 'id="navigation-principale"' in contenu
    assert 'id="pied-de-page"' in contenu
    assert "«VARIABLE INCONNUE" not in contenu
