"""Letter and message templates of a département, edited by its administrator, kept in versions: a message sent
points to the version it was made from, which never changes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from courriers.choices import NatureCourrier


class ModeleCourrier(models.Model):
    departement_code = models.CharField("code du département", max_length=3)
    nature = models.CharField(max_length=30, choices=NatureCourrier.choices)
    version_courante = models.ForeignKey(
        "courriers.VersionModele", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "modèle de courrier"
        verbose_name_plural = "modèles de courrier"
        ordering = ["departement_code", "nature"]
        constraints = [
            models.UniqueConstraint(fields=["departement_code", "nature"], name="modele_un_par_nature"),
        ]

    def __str__(self):
        return self.get_nature_display()


class VersionModele(models.Model):
    modele = models.ForeignKey(ModeleCourrier, on_delete=models.CASCADE, related_name="versions")
    numero = models.PositiveIntegerField("numéro")
    objet = models.CharField("objet", max_length=200, help_text="Titre du courrier et objet du courriel.")
    corps = models.TextField("texte du courrier et du courriel")
    texte_sms = models.CharField("texte du SMS", max_length=480, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "version de modèle"
        verbose_name_plural = "versions de modèle"
        ordering = ["modele", "-numero"]
        constraints = [models.UniqueConstraint(fields=["modele", "numero"], name="version_numero_unique")]

    def __str__(self):
        return f"{self.modele} — version {self.numero}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Une version de modèle ne change plus : enregistrez une nouvelle version.")
        super().save(*args, **kwargs)
