from django.db import models


class OrganismePayeur(models.TextChoices):
    CAF = "caf", "CAF"
    MSA = "msa", "MSA"


class Qualite(models.TextChoices):
    DEMANDEUR = "demandeur", "Demandeur (allocataire)"
    CONJOINT = "conjoint", "Conjoint"


class Sexe(models.TextChoices):
    FEMME = "F", "Femme"
    HOMME = "M", "Homme"


class TypeOrientation(models.TextChoices):
    PROFESSIONNELLE = "professionnelle", "Professionnelle"
    SOCIO_PROFESSIONNELLE = "socio_professionnelle", "Socio-professionnelle"
    SOCIALE = "sociale", "Sociale"


class OrganismeReferent(models.TextChoices):
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    CAP_EMPLOI = "cap_emploi", "Cap emploi"
    MISSION_LOCALE = "mission_locale", "Mission locale"
    DEPARTEMENT = "departement", "Département (MDD)"
    CCAS = "ccas", "CCAS"
    ASSOCIATION = "association", "Association délégataire"


class EtatContrat(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    SIGNE = "signe", "Signé"
    ECHU = "echu", "Échu"
    RESILIE = "resilie", "Résilié"


class CategorieFrein(models.TextChoices):
    MOBILITE = "mobilite", "Mobilité"
    LOGEMENT = "logement", "Logement"
    SANTE = "sante", "Santé"
    GARDE_ENFANTS = "garde_enfants", "Garde d'enfants"
    FRANCAIS = "francais", "Maîtrise du français"
    NUMERIQUE = "numerique", "Numérique"
    FINANCES = "finances", "Finances / surendettement"
    DEMARCHES = "demarches", "Démarches administratives"
    JUSTICE = "justice", "Justice"


class NatureRendezVous(models.TextChoices):
    INDIVIDUEL = "individuel", "Entretien individuel"
    COLLECTIF = "collectif", "Information collective"
    TELEPHONIQUE = "telephonique", "Entretien téléphonique"
    VISITE = "visite", "Visite à domicile"
    EQUIPE_PLURIDISCIPLINAIRE = "equipe_pluridisciplinaire", "Équipe pluridisciplinaire"


class Presence(models.TextChoices):
    PREVU = "prevu", "Prévu"
    PRESENT = "present", "Présent"
    ABSENT_EXCUSE = "absent_excuse", "Absent excusé"
    ABSENT_NON_EXCUSE = "absent_non_excuse", "Absent non excusé"


class EtatPrescription(models.TextChoices):
    PROPOSEE = "proposee", "Proposée"
    ACCEPTEE = "acceptee", "Acceptée"
    REFUSEE = "refusee", "Refusée"
    ENTREE = "entree", "Entrée"
    SORTIE = "sortie", "Sortie"
    ABANDON = "abandon", "Abandon"
    # By the prescriber's side only, when the person's parcours closes before the action began.
    ANNULEE = "annulee", "Annulée"


class EtatDroit(models.TextChoices):
    """The state of the RSA right as the CAF/MSA flow tells it (ETATDOSRSA, read by parcours.imports.xml_cnaf)."""

    INCONNU = "", "Non transmis"
    OUVERT = "ouvert", "Droit ouvert"
    SUSPENDU = "suspendu", "Droit suspendu"
    RADIE = "radie", "Droit clos (radié)"
