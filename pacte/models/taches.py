"""Background jobs (TacheDeFond) and resumable file imports (ImportFichier).

A TacheDeFond is what a user watches: its state, a progress from 0 to 100, a message, a JSON result
and, for exports, an optional file to download. The work itself runs through Django's Tasks API
(`django_tasks`), whose result id is kept in `task_result_id`. See pacte.taches for the helpers.
"""

from django.conf import settings
from django.db import models


class TacheDeFondQuerySet(models.QuerySet):
    def visible_par(self, user):
        """A user follows their own jobs; an administrator follows every job."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.est_administrateur:
            return self.all()
        return self.filter(utilisateur=user)


class ImportFichierQuerySet(models.QuerySet):
    def visible_par(self, user):
        """An import (names, numbers, birth dates of its lines) is read by its uploader and by the chargés
        d'orientation, whose job it is; an administrator sees only the files they uploaded themselves: running
        the application does not need the content of the flows."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.est_charge_orientation:
            return self.all()
        return self.filter(utilisateur=user)


class TacheDeFond(models.Model):
    class Etat(models.TextChoices):
        EN_ATTENTE = "en_attente", "En attente"
        EN_COURS = "en_cours", "En cours"
        TERMINEE = "terminee", "Terminée"
        ECHOUEE = "echouee", "Échouée"

    nature = models.CharField(max_length=50, help_text="Ce que fait la tâche (ex. import_entrants, export).")
    libelle = models.CharField("libellé", max_length=200)
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taches",
        verbose_name="lancée par",
    )
    etat = models.CharField("état", max_length=12, choices=Etat.choices, default=Etat.EN_ATTENTE)
    progression = models.PositiveSmallIntegerField(default=0, help_text="De 0 à 100 %.")
    message = models.CharField(max_length=500, blank=True)
    resultat = models.JSONField("résultat", default=dict, blank=True)
    fichier = models.BinaryField(null=True, blank=True, editable=False)
    fichier_nom = models.CharField("nom du fichier produit", max_length=200, blank=True)
    fichier_type = models.CharField("type du fichier produit", max_length=100, blank=True)
    task_result_id = models.CharField("identifiant de la tâche (django-tasks)", max_length=64, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("mise à jour le", auto_now=True)

    objects = TacheDeFondQuerySet.as_manager()

    class Meta:
        verbose_name = "tâche de fond"
        verbose_name_plural = "tâches de fond"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progression__lte=100),
                name="tache_progression_bornee",
                violation_error_message="La progression va de 0 à 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.libelle} ({self.get_etat_display().lower()})"

    @property
    def est_finie(self) -> bool:
        return self.etat in (self.Etat.TERMINEE, self.Etat.ECHOUEE)

    @property
    def a_un_fichier(self) -> bool:
        return bool(self.fichier_nom)

    @property
    def url_resultat(self) -> str:
        """Where to go once the job is done (a summary page), if the job said so."""
        return (self.resultat or {}).get("url", "")


class ImportFichier(models.Model):
    """One uploaded or command-line file being imported, resumable after a crash.

    Lines are committed by batches; `derniere_ligne` is the last line of the last committed batch
    (written in the same transaction as the batch), so a restart skips exactly what is done.
    """

    class Nature(models.TextChoices):
        ENTRANTS = "entrants", "Flux des nouveaux entrants CAF/MSA (CSV)"
        BENEFICIAIRES_XML = "beneficiaires_xml", "Flux bénéficiaires CAF/MSA (XML)"

    class Etat(models.TextChoices):
        APERCU = "apercu", "Aperçu (rien d'enregistré)"
        EN_COURS = "en_cours", "Import en cours"
        TERMINE = "termine", "Import terminé"
        ECHOUE = "echoue", "Import interrompu"

    nature = models.CharField(max_length=20, choices=Nature.choices, default=Nature.ENTRANTS)
    nom_fichier = models.CharField("nom du fichier", max_length=200)
    empreinte = models.CharField("empreinte SHA-256", max_length=64, db_index=True)
    taille = models.PositiveBigIntegerField("taille (octets)", default=0)
    # The uploaded content, kept so that a worker on another machine can run the import.
    contenu = models.BinaryField(null=True, blank=True, editable=False)
    encodage = models.CharField(max_length=20, blank=True)
    separateur = models.CharField("séparateur", max_length=1, blank=True)
    nb_lignes = models.PositiveIntegerField("lignes de données", default=0)
    etat = models.CharField("état", max_length=10, choices=Etat.choices, default=Etat.APERCU)
    derniere_ligne = models.PositiveIntegerField("dernière ligne enregistrée", default=0)
    compteurs = models.JSONField(default=dict, blank=True)
    apercu = models.JSONField("aperçu", default=dict, blank=True)
    erreur = models.TextField(blank=True)
    # The lease of the run in progress: `jeton` names the run that holds it (every batch it commits checks it),
    # `battement` is its last sign of life; an "en cours" import silent for too long was killed and may be resumed.
    jeton = models.CharField("jeton de l'exécution en cours", max_length=32, blank=True, editable=False)
    battement = models.DateTimeField("dernier signe de vie", null=True, blank=True, editable=False)
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name="importé par",
    )
    tache = models.ForeignKey(TacheDeFond, on_delete=models.SET_NULL, null=True, blank=True, related_name="imports")
    created_at = models.DateTimeField("déposé le", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportFichierQuerySet.as_manager()

    class Meta:
        verbose_name = "import de fichier"
        verbose_name_plural = "imports de fichiers"
        ordering = ["-created_at"]
        constraints = [
            # The lock that keeps the page and the command (or two commands) from importing the same file at once.
            models.UniqueConstraint(
                fields=["empreinte"],
                condition=models.Q(etat="en_cours"),
                name="import_un_seul_en_cours_par_fichier",
                violation_error_message="Un import de ce fichier est déjà en cours.",
            ),
        ]

    def __str__(self):
        return f"{self.nom_fichier} ({self.get_etat_display().lower()})"


class TransitionImport(models.Model):
    """One move of an import's state (who, when, from, to, why), written by parcours.imports.etats only."""

    import_fichier = models.ForeignKey(
        ImportFichier, on_delete=models.CASCADE, related_name="transitions", verbose_name="import"
    )
    etat_avant = models.CharField("état avant", max_length=10, blank=True)
    etat_apres = models.CharField("état après", max_length=10)
    motif = models.CharField(max_length=500, blank=True)
    par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "changement d'état d'un import"
        verbose_name_plural = "changements d'état des imports"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.etat_avant or '—'} → {self.etat_apres}"
