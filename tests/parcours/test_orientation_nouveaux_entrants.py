"""The chargé d'orientation's queue, département-wide, oldest entry first, oriented from the queue."""

import datetime

import pytest
from django.urls import reverse

from pacte.models import JournalAcces
from parcours.models import Orientation
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def charge(client):
    user = UserFactory(charge_orientation=True)
    client.force_login(user)
    return user


def test_la_file_couvre_le_departement_par_anciennete(client, charge):
    recent = ParcoursFactory(mdd=MDDFactory(), date_entree=datetime.date(2025, 6, 1))
    ancien = ParcoursFactory(
        mdd=MDDFactory(), date_entree=datetime.date(2025, 1, 10), date_ouverture_droit=datetime.date(2025, 1, 1)
    )
    ParcoursFactory(oriente=True)
    response = client.get(reverse("parcours:a_orienter"))
    assert [p.pk for p in response.context["page_obj"]] == [ancien.pk, recent.pk]
    assert "VARIABLE INCONNUE" not in response.content.decode()


def test_orienter_depuis_la_file_retire_la_personne(client, charge):
    parcours = ParcoursFactory()
    url = reverse("parcours:orienter", args=[parcours.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "VARIABLE INCONNUE" not in page.content.decode()
    assert JournalAcces.objects.filter(objet="parcours", objet_id=parcours.pk, utilisateur=charge).exists()
    response = client.post(
        url,
        {
            "orientation-version": 1,
            "orientation-type": "professionnelle",
            "orientation-organisme_referent": "france_travail",
            "orientation-date_decision": "2025-02-10",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("parcours:a_orienter")
    assert Orientation.objects.get().decidee_par == charge
    assert client.get(url).status_code == 404


def test_une_orientation_incoherente_est_refusee_pres_du_champ(client, charge):
    parcours = ParcoursFactory()
    response = client.post(
        reverse("parcours:orienter", args=[parcours.pk]),
        {
            "orientation-version": 1,
            "orientation-type": "professionnelle",
            "orientation-organisme_referent": "ccas",
            "orientation-date_decision": "2025-02-10",
        },
    )
    assert "ne peut pas suivre une orientation professionnelle" in response.content.decode()
    assert Orientation.objects.count() == 0


@pytest.mark.parametrize("lignes", [5, 50])
def test_nombre_de_requetes_constant(client, charge, django_assert_max_num_queries, lignes):
    for _ in range(lignes):
        ParcoursFactory()
    # 12: the MDD and territory lists of the filters are one query each.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("parcours:a_orienter"))
    assert len(response.context["page_obj"]) == lignes
