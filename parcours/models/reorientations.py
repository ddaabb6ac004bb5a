from django.conf import settings
from django.db import models

from pacte.models.utilisateurs import Role
from parcours.choices import OrganismeReferent, TypeOrientation


class EtatDemande(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente de décision"
    ACCEPTEE = "acceptee", "Acceptée"
    REFUSEE = "refusee", "Refusée"


class DemandeReorientationQuerySet(models.QuerySet):
    def en_attente(self):
        return self.filter(etat=EtatDemande.EN_ATTENTE)

    def a_decider_par(self, user):
        """The requests a user may decide on: a chargé d'orientation, département-wide; a responsable de MDD, their
        MDD's. Nobody else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.CHARGE_ORIENTATION:
            return self.all()
        if user.role == Role.RESPONSABLE_MDD:
            return self.filter(parcours__mdd__in=user.mdds.all())
        return self.none()


class DemandeReorientation(models.Model):
    """A référent asks for a réorientation (with a motif); a chargé d'orientation or the MDD manager decides.
    States move only through parcours.reorientations."""

    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="demandes_reorientation")
    demandee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="demandée par"
    )
    date_demande = models.DateField("date de la demande")
    type_souhaite = models.CharField("orientation demandée", max_length=30, choices=TypeOrientation.choices)
    organisme_souhaite = models.CharField(
        "organisme référent demandé", max_length=30, choices=OrganismeReferent.choices
    )
    motif = models.TextField("motif de la demande")
    etat = models.CharField("état", max_length=12, choices=EtatDemande.choices, default=EtatDemande.EN_ATTENTE)
    decidee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidée par",
    )
    date_decision = models.DateField("date de la décision", null=True, blank=True)
    motif_decision = models.TextField("motif de la décision", blank=True)
    orientation = models.ForeignKey(
        "parcours.Orientation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DemandeReorientationQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de réorientation"
        verbose_name_plural = "demandes de réorientation"
        ordering = ["-date_demande", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parcours"],
                condition=models.Q(etat="en_attente"),
                name="une_demande_de_reorientation_en_attente",
                violation_error_message="Une demande de réorientation est déjà en attente pour ce parcours.",
            ),
        ]

    def __str__(self):
        return f"Demande de réorientation du {self.date_demande:%d/%m/%Y} ({self.get_etat_display().lower()})"


class TransitionDemandeReorientation(models.Model):
    """Each change of state of a request (who, when, from, to), written by parcours.reorientations only."""

    demande = models.ForeignKey(DemandeReorientation, on_delete=models.CASCADE, related_name="transitions")
    etat_avant = models.CharField("état avant", max_length=12, choices=EtatDemande.choices, blank=True)
    etat_apres = models.CharField("état après", max_length=12, choices=EtatDemande.choices)
    date = models.DateTimeField(auto_now_add=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    motif = models.TextField(blank=True)

    class Meta:
        verbose_name = "changement d'état de demande de réorientation"
        verbose_name_plural = "changements d'état de demande de réorientation"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.etat_avant or '—'} → {self.etat_apres}"
