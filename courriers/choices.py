from django.db import models


class NatureCreneau(models.TextChoices):
    INDIVIDUEL = "individuel", "Entretien individuel"
    COLLECTIF = "collectif", "Information collective"


class NatureCourrier(models.TextChoices):
    INVITATION = "invitation", "Invitation à prendre rendez-vous"
    RELANCE = "relance", "Relance d'une invitation"
    CONFIRMATION = "confirmation", "Confirmation de rendez-vous"
    CONVOCATION = "convocation", "Convocation"
    RAPPEL_CONVOCATION = "rappel_convocation", "Rappel de convocation"
    NOTIFICATION_ORIENTATION = "notification_orientation", "Notification d'orientation"
    CONTRAT_ENGAGEMENT = "contrat_engagement", "Contrat d'engagement à signer"
    DECISION = "decision", "Décision"


class Canal(models.TextChoices):
    EMAIL = "email", "Courriel"
    SMS = "sms", "SMS"
    COURRIER = "courrier", "Courrier"


class StatutMessage(models.TextChoices):
    EN_ATTENTE = "en_attente", "En file d'attente"
    EN_COURS = "en_cours", "En cours d'envoi"
    ENVOYE = "envoye", "Envoyé"
    DISTRIBUE = "distribue", "Distribué"
    ECHOUE = "echoue", "Échec"
    REJETE = "rejete", "Rejeté (adresse invalide)"


class EtatInvitation(models.TextChoices):
    ENVOYEE = "envoyee", "Envoyée"
    RESERVEE = "reservee", "Rendez-vous pris"
    EXPIREE = "expiree", "Expirée"
    CLOSE = "close", "Close (convocation ou annulation)"
