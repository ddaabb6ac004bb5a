"""The 15 hours: the activity plan of a contrat d'engagement, the hours done, and their reduction or exemption.

L262-34 CASF (loi n° 2023-1196 du 18 décembre 2023): the contrat d'engagement carries an action plan; by
L5411-6 of the code du travail it has at least 15 hours of activity a week, less (or none) when the person's
situation (health, disability, childcare, a situation the law names) calls for it.
"""

from django.conf import settings
from django.db import models

from droits.choices import MotifAmenagement, NatureActivite, SourceHeures
from droits.querysets import ParParcoursQuerySet


class ActivitePlan(models.Model):
    contrat = models.ForeignKey("parcours.ContratEngagement", on_delete=models.CASCADE, related_name="activites")
    nature = models.CharField(max_length=20, choices=NatureActivite.choices)
    libelle = models.CharField("intitulé", max_length=200)
    heures_hebdomadaires = models.DecimalField("heures prévues par semaine", max_digits=4, decimal_places=1)
    date_debut = models.DateField("début")
    date_fin = models.DateField("fin")
    prescription = models.ForeignKey(
        "parcours.Prescription", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "activité du plan"
        verbose_name_plural = "activités du plan"
        ordering = ["date_debut", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(heures_hebdomadaires__gt=0) & models.Q(heures_hebdomadaires__lte=35),
                name="activite_heures_bornees",
                violation_error_message="Une activité prévoit de plus de 0 à 35 heures par semaine.",
            ),
            models.CheckConstraint(
                condition=models.Q(date_fin__gte=models.F("date_debut")),
                name="activite_fin_apres_debut",
                violation_error_message="La fin de l'activité ne peut précéder son début.",
            ),
        ]

    def __str__(self):
        return f"{self.libelle} ({self.heures_hebdomadaires} h/semaine)"


class HeuresRealisees(models.Model):
    """Hours done in one week (its Monday), entered by the référent or reported by a partner.

    Attended rendez-vous are counted from parcours.RendezVous, not copied here."""

    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="+")
    semaine = models.DateField("semaine du")
    heures = models.DecimalField(max_digits=4, decimal_places=1)
    source = models.CharField(max_length=20, choices=SourceHeures.choices, default=SourceHeures.REFERENT)
    activite = models.ForeignKey(ActivitePlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    commentaire = models.CharField(max_length=250, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ParParcoursQuerySet.as_manager()

    class Meta:
        verbose_name = "heures réalisées"
        verbose_name_plural = "heures réalisées"
        ordering = ["-semaine"]
        indexes = [models.Index(fields=["parcours", "semaine"], name="heures_parcours_semaine")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(heures__gt=0) & models.Q(heures__lte=60),
                name="heures_realisees_bornees",
                violation_error_message="Les heures d'une semaine vont de plus de 0 à 60.",
            ),
        ]

    def __str__(self):
        return f"{self.heures} h la semaine du {self.semaine:%d/%m/%Y}"


class AmenagementHeures(models.Model):
    """A reduction (or, at 0 hours, an exemption) of the weekly target, with its reason; never a medical detail."""

    contrat = models.ForeignKey("parcours.ContratEngagement", on_delete=models.CASCADE, related_name="amenagements")
    motif = models.CharField(max_length=20, choices=MotifAmenagement.choices)
    heures_hebdomadaires = models.DecimalField("heures par semaine après aménagement", max_digits=4, decimal_places=1)
    date_debut = models.DateField("début")
    date_fin = models.DateField("fin")
    justification = models.CharField(max_length=250, help_text="Sans aucune information médicale.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "aménagement des heures"
        verbose_name_plural = "aménagements des heures"
        ordering = ["-date_debut"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(heures_hebdomadaires__gte=0),
                name="amenagement_heures_positives",
                violation_error_message="Les heures après aménagement ne peuvent être négatives.",
            ),
            models.CheckConstraint(
                condition=models.Q(date_fin__gte=models.F("date_debut")),
                name="amenagement_fin_apres_debut",
                violation_error_message="La fin de l'aménagement ne peut précéder son début.",
            ),
        ]

    def __str__(self):
        genre = "Dispense" if self.est_dispense else f"Réduction à {self.heures_hebdomadaires} h"
        return f"{genre} ({self.get_motif_display().lower()})"

    @property
    def est_dispense(self) -> bool:
        return self.heures_hebdomadaires == 0
