"""A manquement (breach of the obligations of L262-28 and of the contrat d'engagement) and what follows it."""

from django.conf import settings
from django.db import models

from droits.choices import EtatManquement, FormeObservation, NatureManquement, OrigineManquement
from droits.querysets import ManquementQuerySet


class Manquement(models.Model):
    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="manquements")
    nature = models.CharField(max_length=30, choices=NatureManquement.choices)
    origine = models.CharField(max_length=20, choices=OrigineManquement.choices, default=OrigineManquement.REFERENT)
    faits = models.TextField("faits reprochés")
    date_constat = models.DateField("date du constat")
    etat = models.CharField("état", max_length=20, choices=EtatManquement.choices, default=EtatManquement.OUVERT)
    # The scale in force on the day the manquement was opened: a later change does not apply to it.
    bareme = models.ForeignKey("pacte.BaremeDroitsDevoirs", on_delete=models.PROTECT, related_name="+")
    # L262-37 II 2° and R262-68-1 2°: a breach repeated after a suspension allows up to four months.
    reiteration = models.BooleanField("manquement réitéré", default=False)
    rendez_vous = models.ForeignKey(
        "parcours.RendezVous", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prescription = models.ForeignKey(
        "parcours.Prescription", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date_information = models.DateField("date du courrier d'information", null=True, blank=True)
    date_limite_observations = models.DateField("date limite des observations", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ManquementQuerySet.as_manager()

    class Meta:
        verbose_name = "manquement"
        ordering = ["-date_constat", "-pk"]
        indexes = [models.Index(fields=["parcours", "etat"], name="manquement_parcours_etat")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_limite_observations__isnull=True)
                | models.Q(date_limite_observations__gt=models.F("date_information")),
                name="manquement_delai_apres_information",
                violation_error_message="Le délai d'observations court après le courrier d'information.",
            ),
        ]

    def __str__(self):
        return f"Manquement du {self.date_constat:%d/%m/%Y} : {self.get_nature_display().lower()}"


class TransitionManquement(models.Model):
    """Each change of state of a manquement, written by droits.manquements only."""

    manquement = models.ForeignKey(Manquement, on_delete=models.CASCADE, related_name="transitions")
    etat_avant = models.CharField("état avant", max_length=20, choices=EtatManquement.choices, blank=True)
    etat_apres = models.CharField("état après", max_length=20, choices=EtatManquement.choices)
    date = models.DateTimeField(auto_now_add=True)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    motif = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "changement d'état de manquement"
        verbose_name_plural = "changements d'état de manquement"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.etat_avant or '—'} → {self.etat_apres}"


class Observation(models.Model):
    """The person's observations (L262-37 III), written or oral, with the help of a person of their choice."""

    manquement = models.ForeignKey(Manquement, on_delete=models.CASCADE, related_name="observations")
    forme = models.CharField(max_length=10, choices=FormeObservation.choices)
    date = models.DateField("reçues le")
    texte = models.TextField("observations")
    assiste_par = models.CharField("assisté(e) par", max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "observation"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"Observations {self.get_forme_display().lower()}s du {self.date:%d/%m/%Y}"
