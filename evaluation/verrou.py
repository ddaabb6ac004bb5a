"""The escape of the database guard, for deletions only (demo regeneration, test teardown)."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def purge_autorisee():
    """Let approved bilans be DELETED (never updated) inside this block, in one transaction."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO evaluation_purge_autorisee (id) VALUES (1)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM evaluation_purge_autorisee")
