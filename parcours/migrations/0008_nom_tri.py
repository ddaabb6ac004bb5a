from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def remplir(apps, schema_editor):
    """The name of each existing parcours's person, in one UPDATE (as parcours.faits.recopier_noms)."""
    Parcours = apps.get_model("parcours", "Parcours")
    Beneficiaire = apps.get_model("parcours", "Beneficiaire")
    nom = Beneficiaire.objects.filter(pk=OuterRef("beneficiaire_id")).values("nom_recherche")[:1]
    Parcours.objects.update(nom_tri=Subquery(nom))


class Migration(migrations.Migration):
    dependencies = [
        ("parcours", "0007_numero_allocataire_chiffres_ascii"),
    ]

    operations = [
        migrations.AddField(
            model_name="parcours",
            name="nom_tri",
            field=models.CharField(blank=True, default="", editable=False, max_length=310, verbose_name="nom de tri"),
        ),
        # Filled before the index is built: one pass, not one index update per row.
        migrations.RunPython(remplir, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="parcours",
            index=models.Index(
                fields=["mdd", "nom_tri", "id"],
                condition=models.Q(date_sortie__isnull=True),
                name="parcours_ouverts_mdd_nom",
            ),
        ),
    ]
