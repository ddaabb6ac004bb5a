"""The pact and its reference data: data, not code, loaded per département (charger_referentiel)."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from pacte.choices import Milieu

code_insee_validator = RegexValidator(r"^(\d{5}|2[AB]\d{3})$", "Le code INSEE compte 5 caractères (ex. 87085).")


class Pacte(models.Model):
    departement_code = models.CharField("code du département", max_length=3)
    departement_nom = models.CharField("nom du département", max_length=100)
    nom = models.CharField("intitulé", max_length=200)
    date_debut = models.DateField("début de la période")
    date_fin = models.DateField("fin de la période")
    date_adoption = models.DateField("date d'adoption", null=True, blank=True)
    # The target delay from the ouverture de droit to the orientation: 30 days in most PTI, 15 where the
    # département follows the France Travail reform. Read by the alerts and the orientation queue.
    delai_orientation_jours = models.PositiveSmallIntegerField(
        "délai cible d'orientation (jours)", default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )

    class Meta:
        verbose_name = "pacte territorial d'insertion"
        verbose_name_plural = "pactes territoriaux d'insertion"
        ordering = ["-date_debut"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_fin__gt=models.F("date_debut")),
                name="pacte_fin_apres_debut",
                violation_error_message="La fin de la période doit suivre son début.",
            ),
            models.UniqueConstraint(fields=["departement_code", "date_debut"], name="pacte_unique_par_periode"),
        ]

    def __str__(self):
        return self.nom

    @classmethod
    def courant(cls):
        return cls.objects.order_by("-date_debut").first()


class Thematique(models.Model):
    pacte = models.ForeignKey(Pacte, on_delete=models.CASCADE, related_name="thematiques")
    numero = models.PositiveSmallIntegerField("numéro")
    intitule = models.CharField("intitulé", max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = "thématique"
        ordering = ["pacte", "numero"]
        constraints = [models.UniqueConstraint(fields=["pacte", "numero"], name="thematique_numero_unique")]

    def __str__(self):
        return self.libelle(self.numero, self.intitule)

    @staticmethod
    def libelle(numero, intitule) -> str:
        """str() from the column values: lists that read values_list rather than models print the same."""
        return f"{numero}. {intitule}"


class Objectif(models.Model):
    thematique = models.ForeignKey(Thematique, on_delete=models.CASCADE, related_name="objectifs")
    code = models.CharField(max_length=20)
    intitule = models.CharField("intitulé", max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = "objectif du pacte"
        verbose_name_plural = "objectifs du pacte"
        ordering = ["thematique", "code"]
        constraints = [models.UniqueConstraint(fields=["thematique", "code"], name="objectif_code_unique")]

    def __str__(self):
        return f"{self.code} {self.intitule}"


class Territoire(models.Model):
    code = models.CharField(max_length=30, unique=True)
    nom = models.CharField(max_length=100)

    class Meta:
        verbose_name = "territoire"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class MDD(models.Model):
    code = models.CharField(max_length=30, unique=True)
    nom = models.CharField(max_length=150)
    territoire = models.ForeignKey(Territoire, on_delete=models.PROTECT, related_name="mdds")
    telephone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("adresse électronique", blank=True)

    class Meta:
        verbose_name = "maison du département"
        verbose_name_plural = "maisons du département"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Commune(models.Model):
    """A commune of the département and the MDD that serves its residents."""

    code_insee = models.CharField("code INSEE", max_length=5, unique=True, validators=[code_insee_validator])
    nom = models.CharField(max_length=150)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    mdd = models.ForeignKey(MDD, on_delete=models.PROTECT, related_name="communes", verbose_name="MDD")
    milieu = models.CharField(max_length=10, choices=Milieu.choices)

    class Meta:
        verbose_name = "commune"
        ordering = ["nom"]

    def __str__(self):
        return self.libelle(self.nom, self.code_insee)

    @staticmethod
    def libelle(nom, code_insee) -> str:
        return f"{nom} ({code_insee})"


class Site(models.Model):
    mdd = models.ForeignKey(MDD, on_delete=models.CASCADE, related_name="sites", verbose_name="MDD")
    nom = models.CharField(max_length=150)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="sites")
    adresse = models.CharField(max_length=250, blank=True)
    milieu = models.CharField(max_length=10, choices=Milieu.choices)

    class Meta:
        verbose_name = "site"
        ordering = ["mdd__nom", "nom"]
        constraints = [models.UniqueConstraint(fields=["mdd", "nom"], name="site_nom_unique_par_mdd")]

    def __str__(self):
        return self.libelle(self.nom, self.commune.nom)

    @staticmethod
    def libelle(nom, nom_commune) -> str:
        return f"{nom} ({nom_commune})"


class Marque(models.Model):
    """A département's own identity on its pages and PDFs (the «collectivite» operator), from its référentiel.

    The logo is kept in the database (base64) rather than as a file beside the YAML: the référentiel is loaded once,
    from wherever it sits, and every worker and the PDFs then read the same bytes."""

    departement_code = models.CharField("code du département", max_length=3, unique=True)
    couleur_primaire = models.CharField("couleur principale", max_length=7)
    couleur_secondaire = models.CharField("couleur secondaire", max_length=7)
    police = models.CharField("police de caractères", max_length=40, blank=True)
    logo_type = models.CharField("type du logo", max_length=20, blank=True)
    logo_base64 = models.TextField("logo (base64)", blank=True)

    class Meta:
        verbose_name = "marque du département"
        verbose_name_plural = "marques des départements"

    def __str__(self):
        return f"Marque du département {self.departement_code}"
