"""The first signed contract's date kept on the parcours no longer counts a brouillon carrying a signature date."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery


def recalculer(apps, schema_editor):
    Parcours = apps.get_model("parcours", "Parcours")
    ContratEngagement = apps.get_model("parcours", "ContratEngagement")
    premier = (
        ContratEngagement.objects.filter(parcours=OuterRef("pk"))
        .exclude(etat="brouillon")
        .order_by()
        .values("parcours")
        .annotate(d=Min("date_signature"))
        .values("d")
    )
    Parcours.objects.filter(
        pk__in=ContratEngagement.objects.filter(etat="brouillon", date_signature__isnull=False).values("parcours")
    ).update(date_premier_contrat=Subquery(premier))


class Migration(migrations.Migration):
    dependencies = [("parcours", "0011_transfert_referent_avant")]

    operations = [migrations.RunPython(recalculer, migrations.RunPython.noop)]
