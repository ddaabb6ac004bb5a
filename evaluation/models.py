"""Bilans annuels (frozen once approved) and comités de pilotage."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class EtatBilan(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    SOUMIS = "soumis", "Soumis à l'assemblée"
    APPROUVE = "approuve", "Approuvé"


class BilanApprouveError(ValidationError):
    """Raised by every write path on an approved bilan or its narratives."""


MESSAGE_FIGE = "Ce bilan est approuvé : il ne peut plus être modifié. Créez une nouvelle version."


class BilanAnnuel(models.Model):
    annee = models.PositiveSmallIntegerField("année")
    version = models.PositiveSmallIntegerField(default=1)
    etat = models.CharField("état", max_length=10, choices=EtatBilan.choices, default=EtatBilan.BROUILLON)
    precedent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versions_suivantes",
        verbose_name="version précédente",
    )
    cree_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    soumis_le = models.DateTimeField("soumission enregistrée le", null=True, blank=True)
    # The real date the bilan went to the assembly: a bilan first submitted on paper is recorded later.
    date_soumission = models.DateField("date de soumission à l'assemblée", null=True, blank=True)
    approuve_le = models.DateTimeField("approbation enregistrée le", null=True, blank=True)
    date_deliberation = models.DateField("date de la délibération", null=True, blank=True)
    numero_deliberation = models.CharField("numéro de la délibération", max_length=50, blank=True)
    # Frozen at approval: figures (engine output and breakdowns) and narratives, as JSON.
    instantane = models.JSONField("chiffres et textes figés", default=dict, blank=True)
    pdf = models.BinaryField("PDF du bilan approuvé", null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField("empreinte SHA-256 du PDF", max_length=64, blank=True)

    class Meta:
        verbose_name = "bilan annuel"
        verbose_name_plural = "bilans annuels"
        ordering = ["-annee", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["annee", "version"], name="bilan_version_unique"),
            models.UniqueConstraint(
                fields=["annee"],
                condition=~models.Q(etat="approuve"),
                name="bilan_un_seul_en_cours_par_annee",
                violation_error_message="Un bilan de cette année est déjà en préparation.",
            ),
            models.CheckConstraint(
                condition=~models.Q(etat="approuve")
                | (
                    models.Q(date_deliberation__isnull=False)
                    & ~models.Q(numero_deliberation="")
                    & ~models.Q(pdf_sha256="")
                    & models.Q(pdf__isnull=False)
                ),
                name="bilan_approuve_complet",
                violation_error_message="Un bilan approuvé a une délibération et un PDF.",
            ),
        ]

    def __str__(self):
        return f"Bilan annuel {self.annee} (version {self.version})"

    def save(self, *args, **kwargs):
        if self._etat_en_base() == EtatBilan.APPROUVE:
            raise BilanApprouveError(MESSAGE_FIGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._etat_en_base() == EtatBilan.APPROUVE:
            raise BilanApprouveError(MESSAGE_FIGE)
        return super().delete(*args, **kwargs)

    @property
    def est_fige(self) -> bool:
        return self.etat == EtatBilan.APPROUVE

    @property
    def date_de_soumission(self):
        """The real submission date; bilans submitted before it was entered fall back on the recording date."""
        if self.date_soumission:
            return self.date_soumission
        return timezone.localdate(self.soumis_le) if self.soumis_le else None

    def _etat_en_base(self):
        if self.pk is None:
            return None
        return BilanAnnuel.objects.filter(pk=self.pk).values_list("etat", flat=True).first()


class NarratifThematique(models.Model):
    bilan = models.ForeignKey(BilanAnnuel, on_delete=models.CASCADE, related_name="narratifs")
    thematique = models.ForeignKey("pacte.Thematique", on_delete=models.PROTECT, related_name="narratifs")
    avancees = models.TextField("avancées")
    difficultes = models.TextField("difficultés")
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "récit d'une thématique"
        verbose_name_plural = "récits des thématiques"
        ordering = ["thematique__numero"]
        constraints = [models.UniqueConstraint(fields=["bilan", "thematique"], name="narratif_unique_par_thematique")]

    def __str__(self):
        return f"{self.bilan} — {self.thematique}"

    def save(self, *args, **kwargs):
        if BilanAnnuel.objects.filter(pk=self.bilan_id, etat=EtatBilan.APPROUVE).exists():
            raise BilanApprouveError(MESSAGE_FIGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if BilanAnnuel.objects.filter(pk=self.bilan_id, etat=EtatBilan.APPROUVE).exists():
            raise BilanApprouveError(MESSAGE_FIGE)
        return super().delete(*args, **kwargs)


class TransitionBilan(models.Model):
    bilan = models.ForeignKey(BilanAnnuel, on_delete=models.PROTECT, related_name="transitions")
    etat_avant = models.CharField("état avant", max_length=10, choices=EtatBilan.choices, blank=True)
    etat_apres = models.CharField("état après", max_length=10, choices=EtatBilan.choices)
    date = models.DateTimeField(auto_now_add=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "changement d'état de bilan"
        verbose_name_plural = "changements d'état de bilan"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.etat_avant or '—'} → {self.etat_apres}"


class ComitePilotage(models.Model):
    date = models.DateField("date de la séance")
    periode_debut = models.DateField("début de la période couverte")
    periode_fin = models.DateField("fin de la période couverte")
    participants = models.TextField(
        "structures représentées", help_text="Les institutions et fonctions présentes, sans nom de personne."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    rapport_pdf = models.BinaryField("rapport PDF", null=True, blank=True, editable=False)
    rapport_genere_le = models.DateTimeField("rapport généré le", null=True, blank=True)

    class Meta:
        verbose_name = "comité de pilotage"
        verbose_name_plural = "comités de pilotage"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(periode_fin__gte=models.F("periode_debut")),
                name="comite_periode_ordonnee",
                violation_error_message="Le début de la période doit précéder sa fin.",
            ),
        ]

    def __str__(self):
        return f"Comité de pilotage du {self.date:%d/%m/%Y}"


class DecisionComite(models.Model):
    comite = models.ForeignKey(ComitePilotage, on_delete=models.CASCADE, related_name="decisions")
    texte = models.TextField("décision")

    class Meta:
        verbose_name = "décision du comité de pilotage"
        verbose_name_plural = "décisions du comité de pilotage"
        ordering = ["pk"]

    def __str__(self):
        return self.texte[:80]
