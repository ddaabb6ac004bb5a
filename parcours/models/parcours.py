from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from parcours.choices import EtatDroit
from parcours.querysets import ParcoursQuerySet

FAITS_DERIVES = ("date_premiere_orientation", "date_premier_contrat", "nom_tri")


class Parcours(models.Model):
    beneficiaire = models.ForeignKey(
        "parcours.Beneficiaire",
        on_delete=models.PROTECT,
        related_name="parcours",
        verbose_name="bénéficiaire",
    )
    mdd = models.ForeignKey("pacte.MDD", on_delete=models.PROTECT, related_name="parcours", verbose_name="MDD")
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parcours_suivis",
        verbose_name="référent unique",
    )
    date_ouverture_droit = models.DateField("date d'ouverture de droit")
    date_entree = models.DateField("date d'entrée dans le dispositif")
    date_sortie = models.DateField("date de sortie", null=True, blank=True)
    # The right as the last CAF/MSA flow told it: a suspended or closed right shows on the parcours and in the
    # file active, and its date feeds the flows of the indicators (ParcoursQuerySet.droits_devenus).
    etat_droit = models.CharField(
        "état du droit RSA", max_length=10, choices=EtatDroit.choices, default=EtatDroit.INCONNU, blank=True
    )
    motif_etat_droit = models.CharField("motif de suspension ou de fin de droit", max_length=200, blank=True)
    date_etat_droit = models.DateField("date de l'état du droit", null=True, blank=True)
    # Pointers to the current state, kept by the service functions that record the events:
    # the list filters read them without a subquery per row.
    orientation_courante = models.ForeignKey(
        "parcours.Orientation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contrat_courant = models.ForeignKey(
        "parcours.ContratEngagement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Facts derived from the events, kept by parcours.faits on every save and delete of an orientation
    # or a contract: the indicator engine reads them without a GROUP BY over the events.
    date_premiere_orientation = models.DateField(
        "date de la première orientation", null=True, blank=True, editable=False
    )
    date_premier_contrat = models.DateField(
        "date de signature du premier contrat", null=True, blank=True, editable=False
    )
    # The person's nom_recherche, copied: the file active sorts and searches an MDD's open parcours by name
    # through one index of this table instead of a join to every person of the MDD. Kept by parcours.faits.
    nom_tri = models.CharField("nom de tri", max_length=310, default="", blank=True, editable=False)
    # The import of the CAF/MSA flow that opened this parcours: its result page links to the people it created.
    import_fichier = models.ForeignKey(
        "pacte.ImportFichier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="parcours_ouverts",
        verbose_name="import d'origine",
    )
    # Optimistic locking: a save that did not start from the latest version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    modifie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="dernière modification par",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "version", "modifie_par", "import_fichier", *FAITS_DERIVES],
    )
    objects = ParcoursQuerySet.as_manager()

    class Meta:
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
        ordering = ["-date_entree"]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiaire"],
                condition=models.Q(date_sortie__isnull=True),
                name="parcours_un_seul_ouvert",
                violation_error_message="Cette personne a déjà un parcours ouvert.",
            ),
            models.CheckConstraint(
                condition=models.Q(date_sortie__isnull=True) | models.Q(date_sortie__gte=models.F("date_entree")),
                name="parcours_sortie_apres_entree",
                violation_error_message="La date de sortie ne peut pas précéder la date d'entrée.",
            ),
        ]
        indexes = [
            models.Index(fields=["mdd", "date_sortie"], name="parcours_mdd_sortie"),
            models.Index(fields=["date_entree"], name="parcours_date_entree"),
            models.Index(fields=["date_premiere_orientation"], name="parcours_premiere_orientation"),
            models.Index(fields=["date_premier_contrat"], name="parcours_premier_contrat"),
            # The file active: an MDD's open parcours in name order, a page read straight from the index.
            models.Index(
                fields=["mdd", "nom_tri", "id"],
                condition=models.Q(date_sortie__isnull=True),
                name="parcours_ouverts_mdd_nom",
            ),
        ]

    def __str__(self):
        return f"Parcours de {self.beneficiaire} ({self.mdd})"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.nom_tri and self.beneficiaire_id:
            self.nom_tri = self.beneficiaire.nom_recherche
        # A full save from a form or the admin must not write back derived facts it read before an
        # event changed them: only parcours.faits writes them.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in FAITS_DERIVES
            ]
        super().save(*args, **kwargs)

    @property
    def est_ouvert(self) -> bool:
        return self.date_sortie is None
