"""The access journal cannot be changed or deleted: not by any manager of the ORM, not by raw SQL (database
triggers, SQLite and PostgreSQL); only the controlled purge deletes, and it never updates."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from pacte.models import JournalAcces
from pacte.models.journal import journaliser, purge_du_journal_autorisee, purger_journal
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entree():
    return journaliser(UserFactory(), page="/parcours/1/", objet="parcours", objet_id=1, beneficiaire_id=7)


def _sql(requete, params=()):
    with transaction.atomic(), connection.cursor() as curseur:
        curseur.execute(requete, params)


@pytest.mark.parametrize(
    "ecriture",
    [
        lambda e: JournalAcces._base_manager.filter(pk=e.pk).update(page="/x/"),
        lambda e: JournalAcces._default_manager.filter(pk=e.pk).update(page="/x/"),
        lambda e: JournalAcces._base_manager.filter(pk=e.pk).delete(),
        lambda e: JournalAcces.objects.filter(pk=e.pk)._update({"page": "/x/"}),
        lambda e: JournalAcces.objects.bulk_update([e], ["page"]),
        lambda e: JournalAcces.objects.update_or_create(pk=e.pk, defaults={"page": "/x/"}),
        lambda e: e.save(force_update=True),
    ],
    ids=[
        "base_manager.update",
        "default_manager.update",
        "base_manager.delete",
        "_update",
        "bulk_update",
        "update_or_create",
        "save",
    ],
)
def test_aucun_chemin_de_l_orm_ne_modifie_ni_ne_supprime(entree, ecriture):
    with pytest.raises(PermissionDenied):
        ecriture(entree)
    assert JournalAcces.objects.get().page == "/parcours/1/"


def test_un_update_sql_brut_est_refuse_par_la_base(entree):
    with pytest.raises(DatabaseError, match="Journal d'accès"):
        _sql("UPDATE pacte_journalacces SET page = %s WHERE id = %s", ["/x/", entree.pk])
    assert JournalAcces.objects.get().page == "/parcours/1/"


def test_un_delete_sql_brut_est_refuse_par_la_base(entree):
    with pytest.raises(DatabaseError, match="Journal d'accès"):
        _sql("DELETE FROM pacte_journalacces")
    with pytest.raises(DatabaseError):
        queryset = JournalAcces.objects.all()
        with transaction.atomic():
            queryset._raw_delete(queryset.db)
    assert JournalAcces.objects.count() == 1


def test_la_purge_controlee_supprime_mais_ne_modifie_jamais(entree):
    autre = journaliser(UserFactory(), page="/parcours/2/", objet="parcours", objet_id=2)
    with pytest.raises(DatabaseError), purge_du_journal_autorisee():
        _sql("UPDATE pacte_journalacces SET page = %s", ["/x/"])
    assert purger_journal(pk=entree.pk) == 1
    assert list(JournalAcces.objects.values_list("pk", flat=True)) == [autre.pk]
    # The guard is back once the purge is over.
    with pytest.raises(DatabaseError):
        _sql("DELETE FROM pacte_journalacces")
    assert JournalAcces.objects.count() == 1
