from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from pacte.choices import TypeSortie
from partenaires.querysets import ActionQuerySet


class StatutAction(models.TextChoices):
    EN_PREPARATION = "en_preparation", "En préparation"
    OUVERTE = "ouverte", "Ouverte"
    SUSPENDUE = "suspendue", "Suspendue"
    TERMINEE = "terminee", "Terminée"


class Indicateur(models.TextChoices):
    PARTICIPANTS = "participants", "Participants"
    HEURES = "heures", "Heures d'accompagnement ou de formation"
    SORTIES_EMPLOI_DURABLE = "sorties_emploi_durable", "Sorties en emploi durable"
    SORTIES_EMPLOI_TRANSITION = "sorties_emploi_transition", "Sorties en emploi de transition"
    SORTIES_IAE = "sorties_iae", "Sorties vers l'IAE"
    SORTIES_FORMATION = "sorties_formation", "Sorties en formation qualifiante"
    SORTIES_CREATION_ENTREPRISE = "sorties_creation_entreprise", "Créations d'entreprise"


class Action(models.Model):
    intitule = models.CharField("intitulé", max_length=200)
    description = models.TextField(blank=True)
    thematique = models.ForeignKey("pacte.Thematique", on_delete=models.PROTECT, related_name="actions")
    objectif = models.ForeignKey(
        "pacte.Objectif", on_delete=models.PROTECT, related_name="actions", verbose_name="objectif du pacte"
    )
    partenaire = models.ForeignKey("partenaires.Partenaire", on_delete=models.PROTECT, related_name="actions")
    financement = models.ForeignKey(
        "partenaires.Financement", on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    date_debut = models.DateField("début")
    date_fin = models.DateField("fin")
    statut = models.CharField(max_length=20, choices=StatutAction.choices, default=StatutAction.OUVERTE)
    places = models.PositiveIntegerField("places conventionnées")
    public_cible = models.TextField("public cible", blank=True)
    territoires = models.ManyToManyField("pacte.Territoire", blank=True, related_name="actions")
    sites = models.ManyToManyField("pacte.Site", blank=True, related_name="actions")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = "action"
        ordering = ["-date_debut", "intitule"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_fin__gt=models.F("date_debut")),
                name="action_fin_apres_debut",
                violation_error_message="La fin de l'action doit suivre son début.",
            ),
        ]
        indexes = [models.Index(fields=["thematique", "date_fin"], name="action_thematique_fin")]

    def __str__(self):
        return self.intitule


class ObjectifAction(models.Model):
    """Target value of one indicator for an action (objectifs conventionnés)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="objectifs")
    indicateur = models.CharField(max_length=40, choices=Indicateur.choices)
    valeur_cible = models.PositiveIntegerField("valeur cible")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "objectif de l'action"
        verbose_name_plural = "objectifs de l'action"
        constraints = [
            models.UniqueConstraint(fields=["action", "indicateur"], name="objectif_action_unique"),
        ]

    def __str__(self):
        return f"{self.get_indicateur_display()} : {self.valeur_cible}"


SORTIE_FIELDS = {
    TypeSortie.EMPLOI_DURABLE: "sorties_emploi_durable",
    TypeSortie.EMPLOI_TRANSITION: "sorties_emploi_transition",
    TypeSortie.IAE: "sorties_iae",
    TypeSortie.FORMATION: "sorties_formation",
    TypeSortie.CREATION_ENTREPRISE: "sorties_creation_entreprise",
    TypeSortie.FIN_DE_DROITS: "sorties_fin_de_droits",
    TypeSortie.DEMENAGEMENT: "sorties_demenagement",
    TypeSortie.AUTRE: "sorties_autre",
}


def _total_sorties():
    total = models.F(SORTIE_FIELDS[TypeSortie.EMPLOI_DURABLE])
    for field in list(SORTIE_FIELDS.values())[1:]:
        total = total + models.F(field)
    return total


class ResultatAction(models.Model):
    class Source(models.TextChoices):
        REFERENT = "referent", "Référent thématique"
        PARTENAIRE = "partenaire", "Partenaire"
        PRESCRIPTIONS = "prescriptions", "Calculé depuis les prescriptions"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="resultats")
    periode_debut = models.DateField("début de la période")
    periode_fin = models.DateField("fin de la période")
    participants = models.PositiveIntegerField(validators=[MinValueValidator(0)])
    heures = models.PositiveIntegerField("heures réalisées", default=0)
    sorties_emploi_durable = models.PositiveIntegerField("sorties en emploi durable", default=0)
    sorties_emploi_transition = models.PositiveIntegerField("sorties en emploi de transition", default=0)
    sorties_iae = models.PositiveIntegerField("sorties vers l'IAE", default=0)
    sorties_formation = models.PositiveIntegerField("sorties en formation qualifiante", default=0)
    sorties_creation_entreprise = models.PositiveIntegerField("créations d'entreprise", default=0)
    sorties_fin_de_droits = models.PositiveIntegerField("sorties pour fin de droits", default=0)
    sorties_demenagement = models.PositiveIntegerField("sorties pour déménagement", default=0)
    sorties_autre = models.PositiveIntegerField("autres sorties", default=0)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.REFERENT)
    saisi_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "résultat d'action"
        verbose_name_plural = "résultats d'action"
        ordering = ["action", "-periode_debut"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(periode_fin__gte=models.F("periode_debut")),
                name="resultat_periode_ordonnee",
                violation_error_message="La fin de la période doit suivre son début.",
            ),
            models.CheckConstraint(
                condition=models.Q(participants__gte=_total_sorties()),
                name="resultat_sorties_inferieures_aux_participants",
                violation_error_message="Le nombre de sorties ne peut pas dépasser le nombre de participants.",
            ),
            models.UniqueConstraint(fields=["action", "periode_debut"], name="resultat_unique_par_periode"),
        ]

    def __str__(self):
        return f"{self.action} du {self.periode_debut:%d/%m/%Y} au {self.periode_fin:%d/%m/%Y}"

    @property
    def total_sorties(self) -> int:
        return sum(getattr(self, field) for field in SORTIE_FIELDS.values())


class Ajustement(models.Model):
    class Effet(models.TextChoices):
        AUCUN = "aucun", "Sans effet sur l'action"
        OBJECTIFS = "objectifs", "Modification des objectifs"
        FINANCEMENT = "financement", "Modification du financement"
        PERIODE = "periode", "Modification de la période"
        PLACES = "places", "Modification du nombre de places"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="ajustements")
    date = models.DateField()
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ajustements")
    objet = models.CharField(max_length=200)
    decision = models.TextField("décision")
    effet = models.CharField(max_length=20, choices=Effet.choices, default=Effet.AUCUN)
    # What the effect changed, before and after, so the journal stays readable once applied.
    valeur_avant = models.JSONField("valeur avant", default=dict, blank=True)
    valeur_apres = models.JSONField("valeur après", default=dict, blank=True)
    decision_reunion = models.ForeignKey(
        "partenaires.DecisionReunion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ajustements",
        verbose_name="décision du groupe de travail",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ajustement"
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.objet}"
