from django.conf import settings
from django.db import models


class GroupeTravail(models.Model):
    thematique = models.OneToOneField("pacte.Thematique", on_delete=models.CASCADE, related_name="groupe_travail")
    nom = models.CharField(max_length=200)

    class Meta:
        verbose_name = "groupe de travail"
        verbose_name_plural = "groupes de travail"
        ordering = ["thematique__numero"]

    def __str__(self):
        return self.nom


class MembreGroupe(models.Model):
    groupe = models.ForeignKey(GroupeTravail, on_delete=models.CASCADE, related_name="membres")
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="groupes"
    )
    nom = models.CharField(max_length=150)
    structure = models.CharField(max_length=200, blank=True)
    partenaire = models.ForeignKey(
        "partenaires.Partenaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membres_groupes",
    )

    class Meta:
        verbose_name = "membre du groupe de travail"
        verbose_name_plural = "membres du groupe de travail"
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class ReunionGroupe(models.Model):
    groupe = models.ForeignKey(GroupeTravail, on_delete=models.CASCADE, related_name="reunions")
    date = models.DateField()
    participants = models.ManyToManyField(MembreGroupe, blank=True, related_name="reunions")
    ordre_du_jour = models.TextField("ordre du jour")
    compte_rendu = models.TextField("compte rendu", blank=True)

    class Meta:
        verbose_name = "réunion du groupe de travail"
        verbose_name_plural = "réunions du groupe de travail"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.groupe} — {self.date:%d/%m/%Y}"


class DecisionReunion(models.Model):
    reunion = models.ForeignKey(ReunionGroupe, on_delete=models.CASCADE, related_name="decisions")
    texte = models.TextField()

    class Meta:
        verbose_name = "décision de réunion"
        verbose_name_plural = "décisions de réunion"

    def __str__(self):
        return self.texte[:80]
