"""Decisions of the president of the département (or a delegate), their remobilisation, and the CAF/MSA movements."""

from django.conf import settings
from django.db import models

from droits.choices import MotifRemobilisation, NatureDecision, NatureMouvement
from droits.querysets import DecisionQuerySet


class Delegation(models.Model):
    """A delegation of signature of the president of the département (arrêté), for a period."""

    utilisateur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations")
    arrete = models.CharField("référence de l'arrêté", max_length=100)
    date_debut = models.DateField("début")
    date_fin = models.DateField("fin", null=True, blank=True)

    class Meta:
        verbose_name = "délégation de signature"
        verbose_name_plural = "délégations de signature"
        ordering = ["-date_debut"]

    def __str__(self):
        return f"Délégation {self.arrete} à {self.utilisateur}"


class Decision(models.Model):
    manquement = models.OneToOneField("droits.Manquement", on_delete=models.PROTECT, related_name="decision")
    nature = models.CharField(max_length=20, choices=NatureDecision.choices)
    date_decision = models.DateField("date de la décision")
    decide_par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="decisions")
    dossier_ep = models.ForeignKey(
        "droits.DossierEP", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    motivation = models.TextField()
    foyer_plusieurs_personnes = models.BooleanField("foyer de plus d'une personne (ou majoré)", default=False)
    taux = models.PositiveSmallIntegerField("taux de suspension (%)", null=True, blank=True)
    duree_mois = models.PositiveSmallIntegerField("durée (mois)", null=True, blank=True)
    date_debut = models.DateField("début de la suspension", null=True, blank=True)
    date_fin = models.DateField("fin prévue de la suspension", null=True, blank=True)
    # Communicated by the CAF/MSA: the département does not compute the allowance; the figures say when unknown.
    montant_mensuel = models.DecimalField(
        "montant mensuel de l'allocation (€)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    date_remobilisation = models.DateField("date de la remobilisation", null=True, blank=True)
    motif_remobilisation = models.CharField(max_length=20, choices=MotifRemobilisation.choices, blank=True)
    date_cloture = models.DateField("fin effective de la suspension", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "décision"
        ordering = ["-date_decision", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(nature="suspension")
                | (
                    models.Q(taux__gte=1, taux__lte=100)
                    & models.Q(duree_mois__gte=1)
                    & models.Q(date_debut__isnull=False, date_fin__isnull=False)
                ),
                name="decision_suspension_complete",
                violation_error_message="Une suspension a un taux, une durée et un début.",
            ),
        ]

    def __str__(self):
        if self.nature == NatureDecision.SUSPENSION:
            return f"Suspension de {self.taux} % pendant {self.duree_mois} mois à compter du {self.date_debut:%d/%m/%Y}"
        return f"{self.get_nature_display()} ({self.date_decision:%d/%m/%Y})"


class ExportOrganisme(models.Model):
    """One file sent to the CAF or the MSA: the movements it carries are not sent again."""

    organisme = models.CharField(max_length=3)
    date = models.DateTimeField(auto_now_add=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lignes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "export vers l'organisme payeur"
        verbose_name_plural = "exports vers les organismes payeurs"
        ordering = ["-date"]

    def __str__(self):
        return f"Export {self.organisme.upper()} du {self.date:%d/%m/%Y}"


class MouvementOrganisme(models.Model):
    """What the CAF/MSA must apply: a suspension, its lifting (with the payback), or its end without one."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="mouvements")
    nature = models.CharField(max_length=20, choices=NatureMouvement.choices)
    date_effet = models.DateField("date d'effet")
    created_at = models.DateTimeField(auto_now_add=True)
    export = models.ForeignKey(
        ExportOrganisme, on_delete=models.PROTECT, null=True, blank=True, related_name="mouvements"
    )

    class Meta:
        verbose_name = "mouvement pour l'organisme payeur"
        verbose_name_plural = "mouvements pour l'organisme payeur"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_nature_display()} au {self.date_effet:%d/%m/%Y}"
