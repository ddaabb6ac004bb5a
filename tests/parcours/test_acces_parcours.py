"""Who reaches which named record: out of scope answers 404 and forged POSTs write nothing."""

import datetime

import pytest
from django.urls import reverse

from parcours.models import Beneficiaire, Frein, Note, Orientation, Parcours
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import FreinFactory, ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db


@pytest.fixture
def parcours_b():
    return ParcoursFactory(mdd=MDDFactory(nom="MDD B"), beneficiaire__nom="Autremdd")


def test_travailleur_social_ne_voit_pas_la_page_d_une_autre_mdd(client_agent, parcours_b):
    assert client_agent.get(reverse("parcours:fiche", args=[parcours_b.pk])).status_code == 404
    assert client_agent.get(reverse("parcours:orienter", args=[parcours_b.pk])).status_code == 404
    assert "Autremdd".upper() not in client_agent.get(reverse("parcours:file_active")).content.decode()


@pytest.mark.parametrize(
    ("slug", "donnees"),
    [
        ("orientation", {"type": "sociale", "organisme_referent": "departement", "date_decision": "2025-03-01"}),
        ("note", {"date": "2025-03-01", "texte": "forgé"}),
        ("frein", {"categorie": "sante", "date_identification": "2025-03-01"}),
        ("sortie", {"date": "2025-03-01", "type": "autre"}),
    ],
)
def test_un_post_forge_vers_une_autre_mdd_repond_404_sans_rien_ecrire(client_agent, parcours_b, slug, donnees):
    champs = {f"{slug}-{k}": v for k, v in donnees.items()} | {f"{slug}-version": 1}
    response = client_agent.post(reverse("parcours:enregistrer", args=[parcours_b.pk, slug]), champs)
    assert response.status_code == 404
    parcours_b.refresh_from_db()
    assert (parcours_b.version, parcours_b.date_sortie, parcours_b.orientation_courante) == (1, None, None)
    assert Note.objects.count() == Frein.objects.count() == Orientation.objects.count() == 0


def test_lever_le_frein_d_une_autre_mdd_depuis_son_propre_parcours_est_refuse(client_agent, mdd, parcours_b):
    mien = ParcoursFactory(mdd=mdd)
    frein_b = FreinFactory(parcours=parcours_b)
    response = client_agent.post(
        reverse("parcours:enregistrer", args=[mien.pk, "levee"]),
        {"levee-version": 1, "levee-frein": frein_b.pk, "levee-date_levee": "2025-05-01"},
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    frein_b.refresh_from_db()
    assert frein_b.date_levee is None


@pytest.mark.parametrize("trait", ["referent_thematique", "administrateur", "partenaire_user"])
def test_les_roles_sans_donnees_nominatives_ne_voient_aucune_page_nominative(client, trait, mdd):
    parcours = ParcoursFactory(mdd=mdd)
    client.force_login(UserFactory(**{trait: True}))
    for url in [
        reverse("parcours:file_active"),
        reverse("parcours:a_orienter"),
        reverse("parcours:creer"),
        reverse("parcours:fiche", args=[parcours.pk]),
        reverse("parcours:orienter", args=[parcours.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("parcours:enregistrer", args=[parcours.pk, "note"]),
        {"note-version": 1, "note-date": "2025-03-01", "note-texte": "x"},
    )
    assert response.status_code == 404
    assert Note.objects.count() == 0


def test_le_charge_d_orientation_ne_voit_que_les_personnes_a_orienter(client, mdd):
    a_orienter = ParcoursFactory(mdd=mdd, beneficiaire__nom="Attente")
    deja = ParcoursFactory(mdd=mdd, beneficiaire__nom="Oriente", oriente=True)
    client.force_login(UserFactory(charge_orientation=True))
    contenu = client.get(reverse("parcours:a_orienter")).content.decode()
    assert "ATTENTE" in contenu and "ORIENTE " not in contenu
    assert client.get(reverse("parcours:orienter", args=[a_orienter.pk])).status_code == 200
    assert client.get(reverse("parcours:orienter", args=[deja.pk])).status_code == 404
    assert client.get(reverse("parcours:fiche", args=[a_orienter.pk])).status_code == 404
    assert client.get(reverse("parcours:file_active")).status_code == 404


def test_un_responsable_de_mdd_voit_toute_sa_mdd(client, mdd):
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Un")
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Deux", referent=agent_mdd(mdd))
    client.force_login(UserFactory(responsable_mdd=True, mdds=[mdd]))
    response = client.get(reverse("parcours:file_active"))
    assert len(response.context["page_obj"]) == 2


def test_aucune_page_ne_stocke_de_nir():
    assert not [f.name for f in Beneficiaire._meta.fields if "nir" in f.name.lower()]
    assert not [f.name for f in Parcours._meta.fields if "nir" in f.name.lower()]


def test_un_anonyme_est_renvoye_vers_la_connexion(client, mdd):
    parcours = ParcoursFactory(mdd=mdd, date_entree=datetime.date(2025, 1, 1))
    response = client.get(reverse("parcours:fiche", args=[parcours.pk]))
    assert response.status_code == 302
