"""Open obstacles (freins) by parcours on PostgreSQL (no-op on SQLite): the «frein ouvert» filter of the file
active and its «freins ouverts» column probe each open parcours of the MDD for an open frein. A partial index
on the open ones, (parcours_id, categorie) WHERE date_levee IS NULL, makes each probe an index-only scan of a
small index: 24,575 -> 19,390 buffers and 0.018 -> 0.008 ms per probe on the large data set (6,463 probes).
"""

from django.db import migrations, models

from parcours.operations import SurPostgreSQLSeulement


class Migration(migrations.Migration):
    dependencies = [
        ("parcours", "0003_index_postgresql_file_active"),
    ]

    operations = [
        SurPostgreSQLSeulement(
            migrations.AddIndex(
                model_name="frein",
                index=models.Index(
                    fields=["parcours", "categorie"],
                    condition=models.Q(date_levee__isnull=True),
                    name="frein_ouverts_parcours",
                ),
            ),
        ),
    ]
