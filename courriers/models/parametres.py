"""The delays and hours of the invitations, read from the référentiel (rubrique « courriers »)."""

from django.db import models

# The values a département starts from when its référentiel says nothing; charger_referentiel writes its own.
DEFAUTS = {
    "validite_invitation_jours": 10,
    "relance_apres_jours": 3,
    "rappel_convocation_jours_avant": 1,
    "deplacements_permis": 1,
    "sms_heure_debut": 9,
    "sms_heure_fin": 19,
    "envoi_tentatives_max": 5,
    "envoi_par_minute": 100,
    "delai_reessai_minutes": 10,
    "fenetre_rappel_fournisseur_secondes": 300,
    "horizon_creneaux_jours": 30,
}


class ParametresCourriers(models.Model):
    departement_code = models.CharField("code du département", max_length=3, unique=True)
    validite_invitation_jours = models.PositiveSmallIntegerField("validité d'une invitation (jours)")
    relance_apres_jours = models.PositiveSmallIntegerField("relance après (jours sans rendez-vous)")
    rappel_convocation_jours_avant = models.PositiveSmallIntegerField("rappel de convocation (jours avant)")
    deplacements_permis = models.PositiveSmallIntegerField("annulations ou déplacements permis à la personne")
    sms_heure_debut = models.PositiveSmallIntegerField("SMS envoyés à partir de (heure)")
    sms_heure_fin = models.PositiveSmallIntegerField("SMS envoyés jusqu'à (heure)")
    envoi_tentatives_max = models.PositiveSmallIntegerField("tentatives d'envoi")
    envoi_par_minute = models.PositiveIntegerField("messages envoyés par minute au plus")
    delai_reessai_minutes = models.PositiveSmallIntegerField("délai avant un nouvel essai (minutes)")
    fenetre_rappel_fournisseur_secondes = models.PositiveIntegerField("âge maximal d'un rappel du fournisseur (s)")
    horizon_creneaux_jours = models.PositiveSmallIntegerField("créneaux proposés sur (jours)")

    class Meta:
        verbose_name = "paramètres des courriers"
        verbose_name_plural = "paramètres des courriers"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sms_heure_debut__lt=models.F("sms_heure_fin")) & models.Q(sms_heure_fin__lte=24),
                name="parametres_heures_sms_ordonnees",
            ),
        ]

    def __str__(self):
        return f"Paramètres des courriers ({self.departement_code})"
