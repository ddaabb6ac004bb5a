"""Database-level guard: an approved bilan and its narratives can be neither updated nor deleted.

The model and the services refuse too; this guard also stops `QuerySet.update()`, raw SQL and any
other client of the database. Only a deletion (never an update) is let through while a row exists in
evaluation_purge_autorisee, which `evaluation.verrou.purge_autorisee()` fills for the time of a purge
(demo data regeneration, test teardown).
"""

from django.db import migrations

MESSAGE = "Bilan approuvé : modification interdite, créez une nouvelle version."

SQLITE = [
    "CREATE TABLE IF NOT EXISTS evaluation_purge_autorisee (id integer PRIMARY KEY)",
    f"""CREATE TRIGGER evaluation_bilan_fige_update BEFORE UPDATE ON evaluation_bilanannuel
    FOR EACH ROW WHEN OLD.etat = 'approuve'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER evaluation_bilan_fige_delete BEFORE DELETE ON evaluation_bilanannuel
    FOR EACH ROW WHEN OLD.etat = 'approuve' AND NOT EXISTS (SELECT 1 FROM evaluation_purge_autorisee)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER evaluation_narratif_fige_insert BEFORE INSERT ON evaluation_narratifthematique
    FOR EACH ROW WHEN EXISTS (SELECT 1 FROM evaluation_bilanannuel b WHERE b.id = NEW.bilan_id AND b.etat = 'approuve')
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER evaluation_narratif_fige_update BEFORE UPDATE ON evaluation_narratifthematique
    FOR EACH ROW WHEN EXISTS (SELECT 1 FROM evaluation_bilanannuel b
        WHERE b.id IN (OLD.bilan_id, NEW.bilan_id) AND b.etat = 'approuve')
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER evaluation_narratif_fige_delete BEFORE DELETE ON evaluation_narratifthematique
    FOR EACH ROW WHEN EXISTS (SELECT 1 FROM evaluation_bilanannuel b WHERE b.id = OLD.bilan_id AND b.etat = 'approuve')
        AND NOT EXISTS (SELECT 1 FROM evaluation_purge_autorisee)
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS evaluation_bilan_fige_update",
    "DROP TRIGGER IF EXISTS evaluation_bilan_fige_delete",
    "DROP TRIGGER IF EXISTS evaluation_narratif_fige_insert",
    "DROP TRIGGER IF EXISTS evaluation_narratif_fige_update",
    "DROP TRIGGER IF EXISTS evaluation_narratif_fige_delete",
    "DROP TABLE IF EXISTS evaluation_purge_autorisee",
]

POSTGRESQL = [
    "CREATE TABLE IF NOT EXISTS evaluation_purge_autorisee (id integer PRIMARY KEY)",
    f"""CREATE OR REPLACE FUNCTION evaluation_refuser_bilan_fige() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM evaluation_purge_autorisee) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{MESSAGE}';
    END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER evaluation_bilan_fige BEFORE UPDATE OR DELETE ON evaluation_bilanannuel
    FOR EACH ROW WHEN (OLD.etat = 'approuve') EXECUTE FUNCTION evaluation_refuser_bilan_fige()""",
    f"""CREATE OR REPLACE FUNCTION evaluation_refuser_narratif_fige() RETURNS trigger AS $$
    DECLARE
        v_fige boolean;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT EXISTS (SELECT 1 FROM evaluation_bilanannuel b WHERE b.id = NEW.bilan_id AND b.etat = 'approuve')
                INTO v_fige;
        ELSIF TG_OP = 'UPDATE' THEN
            SELECT EXISTS (SELECT 1 FROM evaluation_bilanannuel b
                WHERE b.id IN (OLD.bilan_id, NEW.bilan_id) AND b.etat = 'approuve') INTO v_fige;
        ELSE
            SELECT EXISTS (SELECT 1 FROM evaluation_bilanannuel b WHERE b.id = OLD.bilan_id AND b.etat = 'approuve')
                INTO v_fige;
            IF v_fige AND EXISTS (SELECT 1 FROM evaluation_purge_autorisee) THEN
                v_fige := false;
            END IF;
        END IF;
        IF v_fige THEN
            RAISE EXCEPTION '{MESSAGE}';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER evaluation_narratif_fige BEFORE INSERT OR UPDATE OR DELETE ON evaluation_narratifthematique
    FOR EACH ROW EXECUTE FUNCTION evaluation_refuser_narratif_fige()""",
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS evaluation_narratif_fige ON evaluation_narratifthematique",
    "DROP TRIGGER IF EXISTS evaluation_bilan_fige ON evaluation_bilanannuel",
    "DROP FUNCTION IF EXISTS evaluation_refuser_narratif_fige()",
    "DROP FUNCTION IF EXISTS evaluation_refuser_bilan_fige()",
    "DROP TABLE IF EXISTS evaluation_purge_autorisee",
]


def _executer(schema_editor, par_moteur):
    statements = par_moteur.get(schema_editor.connection.vendor)
    if statements is None:
        raise NotImplementedError(f"Verrou des bilans non écrit pour {schema_editor.connection.vendor}.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def creer_verrou(apps, schema_editor):
    _executer(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL})


def supprimer_verrou(apps, schema_editor):
    _executer(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_bilans_et_comites"),
    ]

    operations = [migrations.RunPython(creer_verrou, supprimer_verrou)]
