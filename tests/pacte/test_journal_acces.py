"""The access journal is written by pages and read by the administrator; nobody can alter it through the app."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from pacte.models import JournalAcces
from pacte.models.journal import journaliser
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_une_entree_ne_peut_etre_ni_modifiee_ni_supprimee():
    entree = journaliser(UserFactory(), page="/parcours/1/", objet="parcours", objet_id=1, beneficiaire_id=7)
    entree.page = "/autre/"
    with pytest.raises(PermissionDenied):
        entree.save()
    with pytest.raises(PermissionDenied):
        entree.delete()
    with pytest.raises(PermissionDenied):
        JournalAcces.objects.all().delete()
    with pytest.raises(PermissionDenied):
        JournalAcces.objects.update(page="x")
    assert JournalAcces.objects.get().page == "/parcours/1/"


def test_l_administrateur_filtre_le_journal_par_utilisateur_personne_et_dates(client, django_assert_max_num_queries):
    camille, julien = UserFactory(last_name="Camille"), UserFactory(last_name="Julien")
    journaliser(camille, page="/parcours/1/", objet="parcours", objet_id=1, beneficiaire_id=11)
    journaliser(julien, page="/parcours/2/", objet="parcours", objet_id=2, beneficiaire_id=22)
    client.force_login(UserFactory(administrateur=True))
    aujourdhui = datetime.date.today().isoformat()

    response = client.get("/journal-acces/", {"utilisateur": camille.pk})
    assert [e.utilisateur for e in response.context["page_obj"]] == [camille]
    response = client.get("/journal-acces/", {"beneficiaire_id": 22, "date_min": aujourdhui, "date_max": aujourdhui})
    assert [e.beneficiaire_id for e in response.context["page_obj"]] == [22]
    response = client.get("/journal-acces/", {"date_max": "2000-01-01"})
    assert list(response.context["page_obj"]) == []
    assert "Aucun accès ne correspond" in response.content.decode()


@pytest.mark.parametrize("lignes", [5, 50])
def test_la_page_du_journal_a_un_nombre_de_requetes_constant(client, django_assert_max_num_queries, lignes):
    user = UserFactory()
    for i in range(lignes):
        journaliser(UserFactory(), page=f"/p/{i}/", objet="parcours", objet_id=i)
    client.force_login(UserFactory(administrateur=True))
    with django_assert_max_num_queries(12):
        response = client.get("/journal-acces/")
    assert response.status_code == 200
    assert user is not None


def test_le_journal_est_en_lecture_seule_dans_l_administration(client):
    journaliser(UserFactory(), page="/p/", objet="parcours", objet_id=1)
    client.force_login(UserFactory(administrateur=True, is_staff=True, is_superuser=True))
    entree = JournalAcces.objects.get()
    assert client.get(f"/admin/pacte/journalacces/{entree.pk}/delete/").status_code == 403
    assert client.post("/admin/pacte/journalacces/add/", {}).status_code == 403
    assert JournalAcces.objects.count() == 1
