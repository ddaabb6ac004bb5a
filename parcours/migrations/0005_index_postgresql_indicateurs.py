"""Indexes for the indicator engine on PostgreSQL (no-op on SQLite), measured on the large data set:

- rendez-vous by date, with the presence: the attendance rate of a period becomes an index-only scan instead of
  a parallel sequential scan of 865,000 rows (128 -> 59 ms);
- orientations by decision date, with parcours and type: orientations by type and réorientations of a period
  become a bitmap index scan instead of a sequential scan (221 -> 128 ms).
"""

from django.db import migrations, models

from parcours.operations import SurPostgreSQLSeulement


class Migration(migrations.Migration):
    dependencies = [
        ("parcours", "0004_index_postgresql_freins_ouverts"),
    ]

    operations = [
        SurPostgreSQLSeulement(
            migrations.AddIndex(
                model_name="rendezvous",
                index=models.Index(fields=["date"], include=["presence"], name="rdv_date_presence"),
            ),
            migrations.AddIndex(
                model_name="orientation",
                index=models.Index(
                    fields=["date_decision"], include=["parcours", "type"], name="orientation_date_decision"
                ),
            ),
        ),
    ]
