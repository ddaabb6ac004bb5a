"""Journal d'accès: who displayed or exported which named record, when, from which page."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models


class JournalAccesQuerySet(models.QuerySet):
    def update(self, **kwargs):
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


def journaliser_connexion(request, user, *, methode: str):
    """A successful login, by password or by ProConnect (the failures are django-axes' records)."""
    return journaliser(user, page=request.path, objet="connexion", nature="connexion", libelle=f"par {methode}")
