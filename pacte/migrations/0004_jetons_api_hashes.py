"""API tokens stored as digests, with an expiry (pacte/models/jetons.py).

The clear keys of Django REST framework's `authtoken_token` table (when a database has one) are moved here as
digests, so every client keeps working; they expire PACTE_JETON_API_DUREE_JOURS days after this migration, and
the clear rows are deleted. Going back creates no clear key again (none is kept): after a reverse migration
every user creates a new token on their page.
"""

import datetime
import hashlib

import django.db.models.deletion
import django.utils.dateparse
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _en_utc(valeur):
    if isinstance(valeur, str):
        valeur = django.utils.dateparse.parse_datetime(valeur)
    if isinstance(valeur, datetime.datetime) and django.utils.timezone.is_naive(valeur):
        return django.utils.timezone.make_aware(valeur, datetime.UTC)
    return valeur


def deplacer_jetons_en_clair(apps, schema_editor):
    connexion = schema_editor.connection
    if "authtoken_token" not in connexion.introspection.table_names():
        return
    JetonAPI = apps.get_model("pacte", "JetonAPI")
    maintenant = django.utils.timezone.now()
    expire_le = maintenant + datetime.timedelta(days=settings.PACTE_JETON_API_DUREE_JOURS)
    with connexion.cursor() as curseur:
        curseur.execute("SELECT key, user_id, created FROM authtoken_token")
        # SQLite gives naive UTC datetimes (or text) for the creation date: read them as UTC.
        lignes = [(cle, user_id, _en_utc(cree)) for cle, user_id, cree in curseur.fetchall()]
        JetonAPI.objects.bulk_create(
            JetonAPI(
                utilisateur_id=user_id,
                prefixe=cle[:8],
                empreinte=hashlib.sha256(cle.encode()).hexdigest(),
                created_at=cree or maintenant,
                expire_le=expire_le,
            )
            for cle, user_id, cree in lignes
        )
        curseur.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):
    dependencies = [
        ("pacte", "0003_taches_de_fond_et_imports"),
    ]

    operations = [
        migrations.CreateModel(
            name="JetonAPI",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("prefixe", models.CharField(max_length=8, verbose_name="début du jeton")),
                ("empreinte", models.CharField(max_length=64, unique=True, verbose_name="empreinte SHA-256")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="créé le")),
                ("expire_le", models.DateTimeField(verbose_name="expire le")),
                (
                    "utilisateur",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="jeton_api",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="utilisateur",
                    ),
                ),
            ],
            options={
                "verbose_name": "jeton d'accès à l'API",
                "verbose_name_plural": "jetons d'accès à l'API",
            },
        ),
        migrations.RunPython(deplacer_jetons_en_clair, migrations.RunPython.noop),
    ]
