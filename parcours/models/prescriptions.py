from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from pacte.choices import TypeSortie
from parcours.choices import EtatPrescription
from parcours.querysets import PrescriptionQuerySet


class Prescription(models.Model):
    """A référent sends a beneficiary to a partner action. States move only through parcours.prescriptions."""

    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="prescriptions")
    action = models.ForeignKey("partenaires.Action", on_delete=models.PROTECT, related_name="prescriptions")
    prescripteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prescriptions")
    etat = models.CharField("état", max_length=10, choices=EtatPrescription.choices, default=EtatPrescription.PROPOSEE)
    date_proposition = models.DateField("proposée le")
    date_entree = models.DateField("entrée le", null=True, blank=True)
    date_sortie = models.DateField("sortie le", null=True, blank=True)
    type_sortie = models.CharField("motif de sortie", max_length=30, choices=TypeSortie.choices, blank=True)
    motif = models.CharField("motif (refus, abandon)", max_length=250, blank=True)
    motif_hors_capacite = models.CharField("motif de prescription sur une action complète", max_length=250, blank=True)
    # What the prescriber tells the partner (the person's availability, what to prepare); the partner reads it on
    # the prescription. No medical detail (the form says so).
    message_au_partenaire = models.TextField("message au partenaire", max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = PrescriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "prescription"
        ordering = ["-date_proposition"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_entree__isnull=True) | models.Q(date_entree__gte=models.F("date_proposition")),
                name="prescription_entree_apres_proposition",
                violation_error_message="L'entrée ne peut pas précéder la proposition.",
            ),
            models.CheckConstraint(
                condition=models.Q(date_sortie__isnull=True)
                | (models.Q(date_entree__isnull=False) & models.Q(date_sortie__gte=models.F("date_entree"))),
                name="prescription_sortie_apres_entree",
                violation_error_message="La sortie suit l'entrée dans l'action.",
            ),
            models.CheckConstraint(
                condition=~models.Q(etat__in=["entree", "sortie"]) | models.Q(date_entree__isnull=False),
                name="prescription_entree_datee",
                violation_error_message="Une entrée dans l'action a une date.",
            ),
        ]
        indexes = [models.Index(fields=["action", "etat"], name="prescription_action_etat")]

    def __str__(self):
        return f"Prescription vers {self.action} ({self.get_etat_display()})"


class TransitionPrescription(models.Model):
    prescription = models.ForeignKey(Prescription, on_delete=models.CASCADE, related_name="transitions")
    etat_avant = models.CharField("état avant", max_length=10, choices=EtatPrescription.choices, blank=True)
    etat_apres = models.CharField("état après", max_length=10, choices=EtatPrescription.choices)
    date = models.DateTimeField(auto_now_add=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    motif = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "changement d'état de prescription"
        verbose_name_plural = "changements d'état de prescription"
        ordering = ["date"]

    def __str__(self):
        return f"{self.etat_avant or '—'} → {self.etat_apres}"
