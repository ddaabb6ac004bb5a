"""The droits et devoirs scale of the département, one version per date of effect (référentiel « droits_et_devoirs »).

A manquement keeps the version in force on the day it was opened: a later change of scale applies only to
manquements opened after its date of effect. Versions are written by pacte.referentiel_droits only.
"""

from django.db import models


class BaremeQuerySet(models.QuerySet):
    def en_vigueur_le(self, jour):
        """The version in force on `jour` (the latest whose date of effect is not after it), or None."""
        return self.filter(date_effet__lte=jour).order_by("-date_effet").first()


class BaremeDroitsDevoirs(models.Model):
    date_effet = models.DateField("date d'effet", unique=True)
    # CASF R262-68 and R262-68-1 (décret n° 2025-478 du 30 mai 2025): at least 30 %, up to 100 %.
    taux_min = models.PositiveSmallIntegerField("taux minimal de suspension (%)")
    taux_max = models.PositiveSmallIntegerField("taux maximal de suspension (%)")
    # R262-68-1 1°: one to two months after a first breach; 2°: up to four after a persisting or repeated one.
    duree_min_mois = models.PositiveSmallIntegerField("durée minimale (mois)")
    duree_max_mois = models.PositiveSmallIntegerField("durée maximale, premier manquement (mois)")
    duree_max_reiteration_mois = models.PositiveSmallIntegerField("durée maximale, manquement réitéré (mois)")
    # L262-37 II 2°: a breach repeated within a delay (set by decree; the département reads it here).
    delai_reiteration_mois = models.PositiveSmallIntegerField("délai de réitération (mois)")
    # R262-68-6: at most 50 % for a household of more than one person (or with the majoration of L262-9).
    plafond_foyer_plusieurs = models.PositiveSmallIntegerField("plafond pour un foyer de plusieurs personnes (%)")
    # L262-37 III: the person is first able to present observations; the delay is the département's choice.
    delai_observations_jours = models.PositiveSmallIntegerField("délai pour présenter ses observations (jours)")
    # L262-37 III: the EP's opinion is required before a suppression; before a suspension if the département says so.
    avis_ep_suspension = models.BooleanField("avis de l'équipe pluridisciplinaire avant une suspension")
    quorum_ep = models.PositiveSmallIntegerField("quorum de l'équipe pluridisciplinaire (membres présents)")
    roles_delegataires = models.JSONField("rôles pouvant recevoir délégation de décision", default=list)
    # L262-34 CASF and L5411-6 code du travail: at least 15 hours a week, adaptable to the person's situation.
    heures_hebdomadaires_cible = models.DecimalField(
        "heures d'activité par semaine (cible)", max_digits=4, decimal_places=1
    )
    duree_rendez_vous_heures = models.DecimalField(
        "heures comptées par rendez-vous honoré", max_digits=3, decimal_places=1
    )
    alerte_semaines = models.PositiveSmallIntegerField("semaines consécutives sous le plan avant alerte")
    alerte_seuil_pourcentage = models.PositiveSmallIntegerField("seuil d'alerte (% des heures prévues)")
    # Named in the decision letters (means of appeal): the court of the département's seat.
    tribunal_administratif = models.CharField("tribunal administratif compétent", max_length=150)

    objects = BaremeQuerySet.as_manager()

    class Meta:
        verbose_name = "barème des droits et devoirs"
        verbose_name_plural = "barèmes des droits et devoirs"
        ordering = ["-date_effet"]

    def __str__(self):
        return f"Barème des droits et devoirs du {self.date_effet:%d/%m/%Y}"

    def duree_max(self, reiteration: bool) -> int:
        return self.duree_max_reiteration_mois if reiteration else self.duree_max_mois
