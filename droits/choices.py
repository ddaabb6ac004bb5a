from django.db import models


class NatureActivite(models.TextChoices):
    ACTION = "action", "Action d'insertion"
    FORMATION = "formation", "Formation"
    IMMERSION = "immersion", "Immersion en entreprise"
    RENDEZ_VOUS = "rendez_vous", "Rendez-vous d'accompagnement"
    DEMARCHE = "demarche", "Démarche personnelle"


class SourceHeures(models.TextChoices):
    REFERENT = "referent", "Saisie du référent"
    PARTENAIRE = "partenaire", "Présence déclarée par le partenaire"


class MotifAmenagement(models.TextChoices):
    # L5411-6 code du travail (renvoi de L262-34 CASF): the hours are adapted to the person's situation.
    SANTE = "sante", "Santé"
    HANDICAP = "handicap", "Handicap"
    GARDE_ENFANTS = "garde_enfants", "Garde d'enfants (absence de solution)"
    SITUATION = "situation", "Situation personnelle particulière"


class NatureManquement(models.TextChoices):
    ABSENCE_CONVOCATION = "absence_convocation", "Absence non excusée à une convocation"
    CONTRAT_NON_SIGNE = "contrat_non_signe", "Contrat d'engagement non signé dans le délai"
    HEURES_NON_REALISEES = "heures_non_realisees", "Heures d'activité non réalisées"
    REFUS_ACTION = "refus_action", "Refus d'une action du plan"


class OrigineManquement(models.TextChoices):
    REFERENT = "referent", "Signalé par le référent"
    ALERTE = "alerte", "Ouvert depuis une alerte"


class EtatManquement(models.TextChoices):
    OUVERT = "ouvert", "Ouvert"
    INFORME = "informe", "Personne informée"
    EN_EP = "en_ep", "Inscrit en équipe pluridisciplinaire"
    SANS_SANCTION = "sans_sanction", "Sans sanction"
    REORIENTE = "reoriente", "Réorientation"
    SUSPENDU = "suspendu", "Suspension en cours"
    REMOBILISE = "remobilise", "Remobilisé (suspension levée)"
    PERDU = "perdu", "Suspension échue (montants perdus)"
    CLASSE = "classe", "Classé sans suite"


class FormeObservation(models.TextChoices):
    ECRITE = "ecrite", "Écrite"
    ORALE = "orale", "Orale (entretien)"


class RoleMembreEP(models.TextChoices):
    PRESIDENT = "president", "Président (élu ou agent délégué du département)"
    DEPARTEMENT = "departement", "Département (service insertion)"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    CAF = "caf", "CAF"
    MSA = "msa", "MSA"
    ASSOCIATION = "association", "Association d'insertion"
    REPRESENTANT_BENEFICIAIRES = "representant_beneficiaires", "Représentant des bénéficiaires"


ROLES_EXTERIEURS = {
    RoleMembreEP.FRANCE_TRAVAIL,
    RoleMembreEP.CAF,
    RoleMembreEP.MSA,
    RoleMembreEP.ASSOCIATION,
    RoleMembreEP.REPRESENTANT_BENEFICIAIRES,
}


class EtatSeance(models.TextChoices):
    PLANIFIEE = "planifiee", "Planifiée"
    TENUE = "tenue", "Tenue"


class AvisEP(models.TextChoices):
    SANS_SANCTION = "sans_sanction", "Pas de sanction"
    SUSPENSION = "suspension", "Suspension-remobilisation"
    REORIENTATION = "reorientation", "Réorientation"
    AJOURNEMENT = "ajournement", "Ajournement"


class NatureDecision(models.TextChoices):
    SANS_SANCTION = "sans_sanction", "Pas de sanction"
    SUSPENSION = "suspension", "Suspension-remobilisation"
    REORIENTATION = "reorientation", "Réorientation"


class MotifRemobilisation(models.TextChoices):
    RENDEZ_VOUS = "rendez_vous", "Rendez-vous honoré"
    CONTRAT = "contrat", "Contrat d'engagement signé ou actualisé"
    HEURES = "heures", "Heures d'activité reprises"


class NatureMouvement(models.TextChoices):
    SUSPENSION = "suspension", "Suspension"
    LEVEE = "levee", "Levée de la suspension et rappel des montants"
    FIN = "fin", "Fin de suspension sans remobilisation"
