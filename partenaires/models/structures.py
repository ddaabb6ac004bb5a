from django.db import models

from partenaires.validators import valider_siret


class NaturePartenaire(models.TextChoices):
    ASSOCIATION = "association", "Association"
    SIAE_ACI = "siae_aci", "SIAE — atelier et chantier d'insertion (ACI)"
    SIAE_EI = "siae_ei", "SIAE — entreprise d'insertion (EI)"
    SIAE_ETTI = "siae_etti", "SIAE — entreprise de travail temporaire d'insertion (ETTI)"
    SIAE_AI = "siae_ai", "SIAE — association intermédiaire (AI)"
    ORGANISME_FORMATION = "organisme_formation", "Organisme de formation"
    COLLECTIVITE = "collectivite", "Collectivité / CCAS"
    ENTREPRISE = "entreprise", "Entreprise"
    SERVICE_PUBLIC = "service_public", "Service public"


class Partenaire(models.Model):
    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[valider_siret])
    raison_sociale = models.CharField("raison sociale", max_length=200)
    nature = models.CharField(max_length=30, choices=NaturePartenaire.choices)
    adresse = models.CharField(max_length=250, blank=True)
    commune = models.ForeignKey(
        "pacte.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="partenaires"
    )
    site_web = models.URLField("site internet", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "partenaire"
        ordering = ["raison_sociale"]

    def __str__(self):
        return self.raison_sociale


class ContactPartenaire(models.Model):
    partenaire = models.ForeignKey(Partenaire, on_delete=models.CASCADE, related_name="contacts")
    nom = models.CharField(max_length=150)
    fonction = models.CharField(max_length=150, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)

    class Meta:
        verbose_name = "contact du partenaire"
        verbose_name_plural = "contacts du partenaire"
        ordering = ["nom"]

    def __str__(self):
        return self.nom
