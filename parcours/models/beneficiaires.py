from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from pacte.text import normaliser
from parcours.choices import OrganismePayeur, Qualite, Sexe
from parcours.querysets import BeneficiaireQuerySet

# [0-9], not \d: \d also matches the digits of other scripts («١٢٣٤٥٦٧»), which no CAF or MSA file holds.
numero_allocataire_validator = RegexValidator(
    r"^[0-9]{7,13}$", "Le numéro allocataire compte de 7 à 13 chiffres (CAF : 7 chiffres)."
)


class Beneficiaire(models.Model):
    """A person receiving the RSA. The NIR is never stored (domain.md, RGPD)."""

    organisme_payeur = models.CharField(max_length=3, choices=OrganismePayeur.choices, default=OrganismePayeur.CAF)
    numero_allocataire = models.CharField(
        "numéro allocataire", max_length=13, validators=[numero_allocataire_validator], db_index=True
    )
    qualite = models.CharField(
        "qualité dans le foyer", max_length=10, choices=Qualite.choices, default=Qualite.DEMANDEUR
    )
    nom = models.CharField(max_length=150)
    prenom = models.CharField("prénom", max_length=150)
    date_naissance = models.DateField("date de naissance")
    sexe = models.CharField(max_length=1, choices=Sexe.choices, blank=True)
    commune = models.ForeignKey(
        "pacte.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="beneficiaires"
    )
    adresse = models.CharField(max_length=250, blank=True)
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    # Accent- and case-free "nom prénom", kept by save(): what searches and duplicate checks compare.
    nom_recherche = models.CharField(max_length=310, editable=False, db_index=True)
    anonymise_le = models.DateTimeField("anonymisé le", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "nom_recherche"])
    objects = BeneficiaireQuerySet.as_manager()

    class Meta:
        verbose_name = "bénéficiaire"
        ordering = ["nom", "prenom"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisme_payeur", "numero_allocataire", "qualite"],
                name="beneficiaire_unique_par_foyer",
                violation_error_message="Une personne de même qualité existe déjà pour ce numéro allocataire.",
            ),
        ]
        indexes = [models.Index(fields=["nom_recherche", "date_naissance"], name="beneficiaire_doublon")]

    def __str__(self):
        return f"{self.nom.upper()} {self.prenom}"

    def save(self, *args, **kwargs):
        self.nom_recherche = normaliser(f"{self.nom} {self.prenom}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "nom_recherche"}
        super().save(*args, **kwargs)
