from django.conf import settings
from django.db import models


class Avis(models.Model):
    """An in-app notice to one user, shown on their home page until they mark it read: the decision on a
    réorientation they asked for, a prescription cancelled because the person left the dispositif."""

    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="avis", verbose_name="destinataire"
    )
    texte = models.CharField(max_length=400)
    lien = models.CharField("adresse de la page concernée", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    lu_le = models.DateTimeField("lu le", null=True, blank=True)

    class Meta:
        verbose_name = "avis"
        verbose_name_plural = "avis"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["destinataire", "-created_at"], condition=models.Q(lu_le__isnull=True), name="avis_non_lus"
            )
        ]

    def __str__(self):
        return self.texte
