"""Database-level guard: an entry of the access journal can be neither updated nor deleted.

The model and its queryset refuse too; this guard also stops `_base_manager`, `QuerySet.update()`, raw SQL
and any other client of the database, on SQLite and PostgreSQL. No job of the app deletes journal entries
(anonymisation keeps them: they hold plain ids). The one controlled path is `pacte.models.journal.purger_journal`,
which lets DELETEs (never UPDATEs) through while a row exists in pacte_purge_journal_autorisee, inside one
transaction: the test suite empties the journal that way before a flush, and a retention job would do the same.
PostgreSQL's TRUNCATE (the table owner's privilege, used by the test flush) is not a row operation and is not
guarded: the application's database role should not own the tables in production.
"""

from django.db import migrations

MESSAGE = "Journal d''accès : modification et suppression interdites."

SQLITE = [
    "CREATE TABLE IF NOT EXISTS pacte_purge_journal_autorisee (id integer PRIMARY KEY)",
    f"""CREATE TRIGGER pacte_journal_immuable_update BEFORE UPDATE ON pacte_journalacces
    FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER pacte_journal_immuable_delete BEFORE DELETE ON pacte_journalacces
    FOR EACH ROW WHEN NOT EXISTS (SELECT 1 FROM pacte_purge_journal_autorisee)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS pacte_journal_immuable_update",
    "DROP TRIGGER IF EXISTS pacte_journal_immuable_delete",
    "DROP TABLE IF EXISTS pacte_purge_journal_autorisee",
]

POSTGRESQL = [
    "CREATE TABLE IF NOT EXISTS pacte_purge_journal_autorisee (id integer PRIMARY KEY)",
    f"""CREATE OR REPLACE FUNCTION pacte_refuser_changement_journal() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM pacte_purge_journal_autorisee) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{MESSAGE}';
    END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER pacte_journal_immuable BEFORE UPDATE OR DELETE ON pacte_journalacces
    FOR EACH ROW EXECUTE FUNCTION pacte_refuser_changement_journal()""",
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS pacte_journal_immuable ON pacte_journalacces",
    "DROP FUNCTION IF EXISTS pacte_refuser_changement_journal()",
    "DROP TABLE IF EXISTS pacte_purge_journal_autorisee",
]


def _executer(schema_editor, par_moteur):
    statements = par_moteur.get(schema_editor.connection.vendor)
    if statements is None:
        raise NotImplementedError(f"Verrou du journal non écrit pour {schema_editor.connection.vendor}.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def creer_verrou(apps, schema_editor):
    _executer(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL})


def supprimer_verrou(apps, schema_editor):
    _executer(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


class Migration(migrations.Migration):
    dependencies = [
        ("pacte", "0004_jetons_api_hashes"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="journalacces",
            options={
                "base_manager_name": "objects",
                "ordering": ["-date"],
                "verbose_name": "entrée du journal d'accès",
                "verbose_name_plural": "journal d'accès",
            },
        ),
        migrations.RunPython(creer_verrou, supprimer_verrou),
    ]
