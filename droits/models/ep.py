"""Équipes pluridisciplinaires (L262-39 CASF): sessions per territory, their members, their files and opinions."""

from django.conf import settings
from django.db import models

from droits.choices import ROLES_EXTERIEURS, AvisEP, EtatSeance, RoleMembreEP
from droits.querysets import DossierQuerySet, SeanceQuerySet


class SeanceEP(models.Model):
    territoire = models.ForeignKey("pacte.Territoire", on_delete=models.PROTECT, related_name="seances_ep")
    date = models.DateTimeField()
    lieu = models.CharField(max_length=200)
    etat = models.CharField("état", max_length=10, choices=EtatSeance.choices, default=EtatSeance.PLANIFIEE)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = SeanceQuerySet.as_manager()

    class Meta:
        verbose_name = "séance d'équipe pluridisciplinaire"
        verbose_name_plural = "séances d'équipe pluridisciplinaire"
        ordering = ["-date"]

    def __str__(self):
        return f"Équipe pluridisciplinaire {self.territoire} du {self.date:%d/%m/%Y}"


class MembreEP(models.Model):
    seance = models.ForeignKey(SeanceEP, on_delete=models.CASCADE, related_name="membres")
    role = models.CharField("rôle", max_length=30, choices=RoleMembreEP.choices)
    nom = models.CharField(max_length=150)
    # Empty for a member without an account: they read the files on paper in the session.
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="sieges_ep"
    )
    present = models.BooleanField("présent", null=True, blank=True)

    class Meta:
        verbose_name = "membre d'équipe pluridisciplinaire"
        verbose_name_plural = "membres d'équipe pluridisciplinaire"
        ordering = ["role", "nom"]
        constraints = [
            models.UniqueConstraint(
                fields=["seance", "utilisateur"],
                condition=models.Q(utilisateur__isnull=False),
                name="membre_ep_une_fois_par_seance",
                violation_error_message="Cette personne est déjà membre de la séance.",
            ),
        ]

    def __str__(self):
        return f"{self.nom} ({self.get_role_display()})"

    @property
    def exterieur(self) -> bool:
        return self.role in ROLES_EXTERIEURS


class DossierEP(models.Model):
    seance = models.ForeignKey(SeanceEP, on_delete=models.CASCADE, related_name="dossiers")
    manquement = models.ForeignKey("droits.Manquement", on_delete=models.PROTECT, related_name="dossiers_ep")
    ordre = models.PositiveSmallIntegerField(default=1)
    avis = models.CharField(max_length=20, choices=AvisEP.choices, blank=True)
    taux_propose = models.PositiveSmallIntegerField("taux proposé (%)", null=True, blank=True)
    duree_proposee_mois = models.PositiveSmallIntegerField("durée proposée (mois)", null=True, blank=True)
    votes_pour = models.PositiveSmallIntegerField(default=0)
    votes_contre = models.PositiveSmallIntegerField(default=0)
    abstentions = models.PositiveSmallIntegerField(default=0)
    motivation = models.TextField(blank=True)
    personne_entendue = models.BooleanField("personne entendue en séance", default=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier d'équipe pluridisciplinaire"
        verbose_name_plural = "dossiers d'équipe pluridisciplinaire"
        ordering = ["seance", "ordre", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["seance", "manquement"],
                name="dossier_ep_une_fois_par_seance",
                violation_error_message="Ce manquement est déjà à l'ordre du jour de la séance.",
            ),
        ]

    def __str__(self):
        return f"Dossier n° {self.ordre} de la séance du {self.seance.date:%d/%m/%Y}"
