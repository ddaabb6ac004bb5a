"""Demandes d'accès: an agent known to ProConnect but not to the pact waits here for an administrator.

The identity provider proves who the person is, never what they may see: the role and the MDD come only from the
administrator who approves the request (pacte/proconnect/demandes.py)."""

from django.conf import settings
from django.db import models


class DemandeAccesQuerySet(models.QuerySet):
    def en_attente(self):
        return self.filter(statut=DemandeAcces.Statut.EN_ATTENTE)


class DemandeAcces(models.Model):
    class Statut(models.TextChoices):
        EN_ATTENTE = "en_attente", "En attente"
        APPROUVEE = "approuvee", "Approuvée"
        REFUSEE = "refusee", "Refusée"

    proconnect_sub = models.CharField("identifiant ProConnect", max_length=255, unique=True)
    email = models.EmailField("adresse électronique")
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    siret = models.CharField("SIRET de la structure", max_length=14, blank=True)
    statut = models.CharField(max_length=20, choices=Statut.choices, default=Statut.EN_ATTENTE)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    derniere_tentative = models.DateTimeField("dernière tentative de connexion", auto_now=True)
    traitee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demandes_traitees",
        verbose_name="traitée par",
    )
    traitee_le = models.DateTimeField("traitée le", null=True, blank=True)
    utilisateur = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demande_acces",
        verbose_name="compte créé",
    )

    objects = DemandeAccesQuerySet.as_manager()

    class Meta:
        verbose_name = "demande d'accès"
        verbose_name_plural = "demandes d'accès"
        ordering = ["created_at"]

    def __str__(self):
        nom = f"{self.first_name} {self.last_name}".strip()
        return f"{nom} <{self.email}>" if nom else self.email
