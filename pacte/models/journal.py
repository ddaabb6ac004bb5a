"""Journal d'accès: who displayed or exported which named record, when, from which page."""

from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction


class JournalAccesQuerySet(models.QuerySet):
    """Every manager of the model (`objects`, `_base_manager`, `_default_manager`) refuses to change rows;
    the database triggers of migration 0005 refuse the rest (raw SQL, `_raw_delete`)."""

    def update(self, **kwargs):
        raise PermissionDenied("Le journal d'accès ne peut pas être modifié.")

    def _update(self, values):
        raise PermissionDenied("Le journal d'accès ne peut pas être modifié.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionDenied("Le journal d'accès ne peut pas être modifié.")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise PermissionDenied("Le journal d'accès ne peut pas être modifié.")

    def delete(self):
        raise PermissionDenied("Le journal d'accès ne peut pas être supprimé.")


class JournalAcces(models.Model):
    class Nature(models.TextChoices):
        CONSULTATION = "consultation", "Consultation"
        EXPORT = "export", "Export"
        MODIFICATION = "modification", "Modification"
        CONNEXION = "connexion", "Connexion"

    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="acces", verbose_name="utilisateur"
    )
    date = models.DateTimeField(auto_now_add=True, db_index=True)
    nature = models.CharField(max_length=20, choices=Nature.choices, default=Nature.CONSULTATION)
    page = models.CharField(max_length=200, help_text="Nom ou adresse de la page consultée.")
    objet = models.CharField(max_length=100, help_text="Type d'enregistrement consulté (ex. parcours).")
    # Plain ids: the journal must outlive the anonymisation or deletion of the record.
    objet_id = models.BigIntegerField(null=True, blank=True)
    beneficiaire_id = models.BigIntegerField("bénéficiaire", null=True, blank=True, db_index=True)
    libelle = models.CharField("description", max_length=250, blank=True)

    objects = JournalAccesQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée du journal d'accès"
        verbose_name_plural = "journal d'accès"
        ordering = ["-date"]
        # Django's internal writes (save's UPDATE, related deletions) go through _base_manager: guard it too.
        base_manager_name = "objects"
        indexes = [models.Index(fields=["utilisateur", "-date"], name="journal_utilisateur_date")]

    def __str__(self):
        return f"{self.date:%d/%m/%Y %H:%M} {self.utilisateur} {self.get_nature_display()} {self.objet}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Le journal d'accès ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Le journal d'accès ne peut pas être supprimé.")


def journaliser(user, *, page, objet, objet_id=None, beneficiaire_id=None, nature="consultation", libelle=""):
    """Write one access entry. Called by every view or export that shows a named record."""
    return JournalAcces.objects.create(
        utilisateur=user,
        page=page[:200],
        objet=objet,
        objet_id=objet_id,
        beneficiaire_id=beneficiaire_id,
        nature=nature,
        libelle=libelle[:250],
    )


def journaliser_parcours(request, parcours, *, libelle=""):
    """The consultation of one parcours (its page, its history, a page chosen for it) by the request's user."""
    return journaliser(
        request.user,
        page=request.path,
        objet="parcours",
        objet_id=parcours.pk,
        beneficiaire_id=parcours.beneficiaire_id,
        libelle=libelle,
    )


def journaliser_parcours_affiches(request, parcours, *, libelle):
    """The rule for every list of named people: one entry per person shown, all in one INSERT.

    `parcours` is the page's rows (25 in the file active, 50 in the list to orient); an empty page logs nothing."""
    journaliser_liste(
        request.user,
        page=request.get_full_path(),
        objet="parcours",
        lignes=((p.pk, p.beneficiaire_id) for p in parcours),
        libelle=libelle,
    )


def journaliser_liste(user, *, page, objet, lignes, nature="consultation", libelle=""):
    """One entry per named record shown in a list, written in one query.

    `lignes` yields (objet_id, beneficiaire_id) pairs, one for each record the page displays."""
    JournalAcces.objects.bulk_create(
        [
            JournalAcces(
                utilisateur=user,
                page=page[:200],
                objet=objet,
                objet_id=objet_id,
                beneficiaire_id=beneficiaire_id,
                nature=nature,
                libelle=libelle[:250],
            )
            for objet_id, beneficiaire_id in lignes
        ]
    )


@contextmanager
def purge_du_journal_autorisee():
    """Let journal entries be DELETED (never updated) inside this block, in one transaction."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO pacte_purge_journal_autorisee (id) VALUES (1)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM pacte_purge_journal_autorisee")


def purger_journal(**filtre) -> int:
    """The one controlled deletion of journal entries (the test suite before a flush; a retention job).

    It bypasses the model's guard on purpose, with a plain queryset, and the database's by the purge flag."""
    with purge_du_journal_autorisee():
        entrees = models.QuerySet(JournalAcces).filter(**filtre)
        return entrees._raw_delete(entrees.db)


def journaliser_connexion(request, user, *, methode: str):
    """A successful login, by password or by ProConnect (the failures are django-axes' records)."""
    return journaliser(user, page=request.path, objet="connexion", nature="connexion", libelle=f"par {methode}")
