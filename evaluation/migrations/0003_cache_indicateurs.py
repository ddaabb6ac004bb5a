"""The table of the dashboard's figures cache (settings.CACHES["indicateurs"], a DatabaseCache).

Created by a migration rather than by `createcachetable`: a fresh clone and a production deploy only
run `migrate`. Always created, whatever backend the settings choose, so that the schema does not depend
on the settings a migration ran with.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "pacte_cache_indicateurs"


def creer(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def supprimer(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0002_verrou_bilan_approuve")]

    operations = [migrations.RunPython(creer, supprimer)]
