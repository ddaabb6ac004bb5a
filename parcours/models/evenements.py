"""Events on a parcours timeline. Each is recorded through a business function of parcours (orientations, suivi…)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from pacte.choices import TypeSortie
from parcours.choices import (
    CategorieFrein,
    EtatContrat,
    NatureRendezVous,
    OrganismeReferent,
    Presence,
    TypeOrientation,
)
from parcours.querysets import EvenementQuerySet


class Evenement(models.Model):
    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="%(class)ss")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = EvenementQuerySet.as_manager()

    class Meta:
        abstract = True


class Orientation(Evenement):
    type = models.CharField("type d'orientation", max_length=30, choices=TypeOrientation.choices)
    organisme_referent = models.CharField("organisme référent", max_length=30, choices=OrganismeReferent.choices)
    date_decision = models.DateField("date de la décision")
    decidee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="orientations_decidees",
        verbose_name="décidée par",
    )
    motif = models.TextField("motif (réorientation)", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "orientation"
        ordering = ["-date_decision", "-created_at"]
        indexes = [models.Index(fields=["parcours", "-date_decision"], name="orientation_parcours_date")]

    def __str__(self):
        return f"Orientation {self.get_type_display().lower()} du {self.date_decision:%d/%m/%Y}"


class ChangementReferent(Evenement):
    ancien = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ancien référent",
    )
    nouveau = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="nouveau référent"
    )
    date = models.DateField()
    motif = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "changement de référent"
        verbose_name_plural = "changements de référent"
        ordering = ["-date"]

    def __str__(self):
        return f"Référent : {self.nouveau} depuis le {self.date:%d/%m/%Y}"


class ContratEngagement(Evenement):
    date_debut = models.DateField("début")
    date_fin = models.DateField("fin")
    objectifs = models.TextField()
    heures_hebdomadaires = models.DecimalField(
        "heures d'activité par semaine",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(35)],
        default=15,
    )
    date_signature = models.DateField("date de signature", null=True, blank=True)
    etat = models.CharField("état", max_length=10, choices=EtatContrat.choices, default=EtatContrat.BROUILLON)
    motif_duree = models.CharField("motif d'une durée de plus de 12 mois", max_length=250, blank=True)
    date_resiliation = models.DateField("date de résiliation", null=True, blank=True)
    motif_resiliation = models.CharField("motif de résiliation", max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "contrat d'engagement"
        verbose_name_plural = "contrats d'engagement"
        ordering = ["-date_debut"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_fin__gt=models.F("date_debut")),
                name="contrat_fin_apres_debut",
                violation_error_message="La fin du contrat doit suivre son début.",
            ),
            models.CheckConstraint(
                condition=models.Q(heures_hebdomadaires__gte=0) & models.Q(heures_hebdomadaires__lte=35),
                name="contrat_heures_bornees",
                violation_error_message="Les heures d'activité hebdomadaires vont de 0 à 35.",
            ),
            models.CheckConstraint(
                condition=~models.Q(etat__in=["signe", "echu", "resilie"]) | models.Q(date_signature__isnull=False),
                name="contrat_signe_a_une_date",
                violation_error_message="Un contrat signé a une date de signature.",
            ),
        ]

    def __str__(self):
        return f"Contrat du {self.date_debut:%d/%m/%Y} au {self.date_fin:%d/%m/%Y}"


class TransitionContrat(models.Model):
    """Each change of state of a contract (who, when, from, to), written by parcours.contrats only."""

    contrat = models.ForeignKey(ContratEngagement, on_delete=models.CASCADE, related_name="transitions")
    etat_avant = models.CharField("état avant", max_length=10, choices=EtatContrat.choices, blank=True)
    etat_apres = models.CharField("état après", max_length=10, choices=EtatContrat.choices)
    date = models.DateTimeField(auto_now_add=True)
    # Empty for the nightly task that records the contracts arrived at their end.
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    motif = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "changement d'état de contrat"
        verbose_name_plural = "changements d'état de contrat"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.etat_avant or '—'} → {self.etat_apres}"


class Frein(Evenement):
    """An obstacle to employment. For health, only the category is recorded (RGPD art. 9)."""

    categorie = models.CharField("catégorie", max_length=20, choices=CategorieFrein.choices)
    date_identification = models.DateField("identifié le")
    date_levee = models.DateField("levé le", null=True, blank=True)
    commentaire = models.CharField(max_length=250, blank=True, help_text="Sans aucune information médicale.")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "frein périphérique"
        verbose_name_plural = "freins périphériques"
        ordering = ["-date_identification"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_levee__isnull=True) | models.Q(date_levee__gte=models.F("date_identification")),
                name="frein_levee_apres_identification",
                violation_error_message="Un frein ne peut pas être levé avant d'avoir été identifié.",
            ),
        ]

    def __str__(self):
        return self.get_categorie_display()


class RendezVous(Evenement):
    date = models.DateTimeField()
    nature = models.CharField(max_length=30, choices=NatureRendezVous.choices)
    presence = models.CharField("présence", max_length=20, choices=Presence.choices, default=Presence.PREVU)
    avec = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="professionnel",
    )
    objet = models.CharField(max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rendez-vous"
        verbose_name_plural = "rendez-vous"
        ordering = ["-date"]
        indexes = [models.Index(fields=["parcours", "-date"], name="rdv_parcours_date")]

    def __str__(self):
        return f"Rendez-vous du {self.date:%d/%m/%Y}"


class Note(Evenement):
    date = models.DateField()
    texte = models.TextField()

    class Meta:
        verbose_name = "note"
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"Note du {self.date:%d/%m/%Y}"


class Sortie(Evenement):
    date = models.DateField()
    type = models.CharField("motif de sortie", max_length=30, choices=TypeSortie.choices)
    commentaire = models.CharField(max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "sortie du dispositif"
        verbose_name_plural = "sorties du dispositif"
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["parcours"], name="sortie_une_par_parcours")]

    def __str__(self):
        return f"Sortie du {self.date:%d/%m/%Y} : {self.get_type_display()}"


class Transfert(Evenement):
    date = models.DateField()
    mdd_origine = models.ForeignKey(
        "pacte.MDD", on_delete=models.PROTECT, related_name="+", verbose_name="MDD d'origine"
    )
    mdd_destination = models.ForeignKey(
        "pacte.MDD", on_delete=models.PROTECT, related_name="+", verbose_name="MDD de destination"
    )
    # A transfer ends the référent's follow-up: who it was, so that a past period's figures are rebuilt as they were.
    referent_avant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="référent avant le transfert",
    )
    motif = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "transfert"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mdd_origine=models.F("mdd_destination")),
                name="transfert_vers_une_autre_mdd",
                violation_error_message="Le transfert se fait vers une autre MDD.",
            ),
        ]

    def __str__(self):
        return f"Transfert du {self.date:%d/%m/%Y} vers {self.mdd_destination}"
