from django.core.validators import MinValueValidator
from django.db import models


class TypeFinancement(models.TextChoices):
    APPEL_A_PROJETS = "appel_a_projets", "Appel à projets"
    ACCORD_CADRE = "accord_cadre", "Accord-cadre"
    CONVENTION = "convention", "Convention"
    MARCHE = "marche", "Marché public"


class Financement(models.Model):
    partenaire = models.ForeignKey("partenaires.Partenaire", on_delete=models.PROTECT, related_name="financements")
    type = models.CharField(max_length=20, choices=TypeFinancement.choices)
    reference = models.CharField("référence", max_length=60, unique=True)
    intitule = models.CharField("intitulé", max_length=200)
    date_debut = models.DateField("début")
    date_fin = models.DateField("fin")
    montant_conventionne = models.DecimalField(
        "montant conventionné (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "financement"
        ordering = ["-date_debut", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_fin__gt=models.F("date_debut")),
                name="financement_fin_apres_debut",
                violation_error_message="La fin du financement doit suivre son début.",
            ),
            models.CheckConstraint(condition=models.Q(montant_conventionne__gte=0), name="financement_montant_positif"),
        ]

    def __str__(self):
        return f"{self.reference} — {self.intitule}"


class Cofinancement(models.Model):
    class Financeur(models.TextChoices):
        FSE_PLUS = "fse_plus", "FSE+"
        ETAT = "etat", "État"
        REGION = "region", "Région"
        FRANCE_TRAVAIL = "france_travail", "France Travail"
        AUTRE = "autre", "Autre"

    financement = models.ForeignKey(Financement, on_delete=models.CASCADE, related_name="cofinancements")
    financeur = models.CharField(max_length=20, choices=Financeur.choices)
    libelle = models.CharField("libellé", max_length=150, blank=True)
    montant = models.DecimalField("montant (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = "cofinancement"
        constraints = [models.CheckConstraint(condition=models.Q(montant__gte=0), name="cofinancement_positif")]

    def __str__(self):
        return f"{self.get_financeur_display()} {self.montant} €"


class Versement(models.Model):
    class Nature(models.TextChoices):
        AVANCE = "avance", "Avance"
        ACOMPTE = "acompte", "Acompte"
        SOLDE = "solde", "Solde"

    financement = models.ForeignKey(Financement, on_delete=models.CASCADE, related_name="versements")
    nature = models.CharField(max_length=10, choices=Nature.choices)
    date = models.DateField()
    montant = models.DecimalField("montant (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = "versement"
        ordering = ["date"]
        constraints = [models.CheckConstraint(condition=models.Q(montant__gt=0), name="versement_positif")]

    def __str__(self):
        return f"{self.get_nature_display()} du {self.date:%d/%m/%Y} : {self.montant} €"
