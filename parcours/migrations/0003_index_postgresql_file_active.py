"""Indexes of the file active on PostgreSQL (no-op on SQLite). EXPLAIN before/after on the large data set
(bench/seed_large.py) in the issue note; the short version:

- beneficiaire_nom_trgm: trigram GIN index for `nom_recherche LIKE '%mot%'` (the search box). nom_recherche is
  already lower-case and accent-free (pacte.text.normaliser), so no unaccent is needed. A two-word search in
  one MDD: 56 ms -> 14 ms (bitmap index scan instead of checking every open parcours of the MDD).
- beneficiaire_id_nom: (id) INCLUDE (nom_recherche). The list filters and sorts an MDD's open parcours by name:
  the join to the person becomes an index-only scan (no heap visit per row); search query 26 ms -> 16 ms.
- parcours_ouverts_mdd: the open parcours of an MDD, (mdd_id, date_entree) INCLUDE the columns the list
  filters on, WHERE date_sortie IS NULL. Count and ids of a page become index-only scans: 2,677 -> 64 buffers
  on the parcours side, sort by entry date without touching the table.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from parcours.operations import SurPostgreSQLSeulement


class Migration(migrations.Migration):
    dependencies = [
        ("parcours", "0002_parcours_modifie_par"),
    ]

    operations = [
        SurPostgreSQLSeulement(
            TrigramExtension(),
            migrations.AddIndex(
                model_name="beneficiaire",
                index=GinIndex(fields=["nom_recherche"], opclasses=["gin_trgm_ops"], name="beneficiaire_nom_trgm"),
            ),
            migrations.AddIndex(
                model_name="beneficiaire",
                index=models.Index(fields=["id"], include=["nom_recherche"], name="beneficiaire_id_nom"),
            ),
            migrations.AddIndex(
                model_name="parcours",
                index=models.Index(
                    fields=["mdd", "date_entree"],
                    include=["id", "beneficiaire", "referent", "orientation_courante", "contrat_courant"],
                    condition=models.Q(date_sortie__isnull=True),
                    name="parcours_ouverts_mdd",
                ),
            ),
        ),
    ]
