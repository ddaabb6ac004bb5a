"""What is sent to a person: invitations (a link to book), convocations (a fixed slot) and the messages that carry
them on each channel, with their delivery status; consent and stop-SMS."""

from django.conf import settings
from django.db import models

from courriers.choices import Canal, EtatInvitation, NatureCourrier, StatutMessage
from courriers.querysets import InvitationQuerySet, MessageQuerySet


class Invitation(models.Model):
    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="invitations")
    etat = models.CharField("état", max_length=10, choices=EtatInvitation.choices, default=EtatInvitation.ENVOYEE)
    expire_le = models.DateTimeField("valable jusqu'au")
    relancee_le = models.DateTimeField("relancée le", null=True, blank=True)
    expiration_signalee_le = models.DateTimeField("expiration signalée le", null=True, blank=True)
    reservation = models.OneToOneField(
        "courriers.Reservation", on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )
    # Cancellations and moves done by the person from their page: the référentiel says how many are allowed.
    deplacements = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["etat", "expire_le"], name="invitation_etat_expiration"),
            models.Index(fields=["parcours", "-created_at"], name="invitation_parcours"),
        ]

    def __str__(self):
        return f"Invitation du {self.created_at:%d/%m/%Y}"


class Convocation(models.Model):
    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="convocations")
    rendez_vous = models.OneToOneField(
        "parcours.RendezVous", on_delete=models.SET_NULL, null=True, blank=True, related_name="convocation"
    )
    reservation = models.OneToOneField(
        "courriers.Reservation", on_delete=models.SET_NULL, null=True, blank=True, related_name="convocation"
    )
    date = models.DateTimeField("date du rendez-vous")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="convocations"
    )
    rappel_envoye_le = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "convocation"
        ordering = ["-date"]
        indexes = [models.Index(fields=["rappel_envoye_le", "date"], name="convocation_rappel")]

    def __str__(self):
        return f"Convocation au {self.date:%d/%m/%Y}"


class Message(models.Model):
    parcours = models.ForeignKey("parcours.Parcours", on_delete=models.CASCADE, related_name="messages")
    nature = models.CharField(max_length=30, choices=NatureCourrier.choices)
    canal = models.CharField(max_length=10, choices=Canal.choices)
    destinataire = models.CharField(max_length=254, blank=True)
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="messages")
    convocation = models.ForeignKey(
        Convocation, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    version = models.ForeignKey(
        "courriers.VersionModele", on_delete=models.PROTECT, related_name="messages", verbose_name="version du modèle"
    )
    objet = models.CharField(max_length=200)
    contenu = models.TextField()
    statut = models.CharField(max_length=12, choices=StatutMessage.choices, default=StatutMessage.EN_ATTENTE)
    tentatives = models.PositiveSmallIntegerField(default=0)
    # The lease of the worker that claimed the message (en_cours): past it, the worker is taken for dead.
    pris_le = models.DateTimeField("pris en charge le", null=True, blank=True)
    prochain_essai = models.DateTimeField("prochain essai", null=True, blank=True)
    derniere_erreur = models.CharField("dernière erreur", max_length=250, blank=True)
    reference_fournisseur = models.CharField("référence du fournisseur", max_length=100, blank=True, db_index=True)
    envoye_le = models.DateTimeField("envoyé le", null=True, blank=True)
    statut_le = models.DateTimeField("statut du", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "message"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["statut", "prochain_essai"], name="message_file"),
            models.Index(fields=["statut", "pris_le"], name="message_bail"),
            models.Index(fields=["parcours", "-created_at"], name="message_parcours"),
        ]

    def __str__(self):
        return f"{self.get_nature_display()} par {self.get_canal_display().lower()}"


class TransitionMessage(models.Model):
    """Each change of status of a message, written by courriers.statuts only."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="transitions")
    statut_avant = models.CharField(max_length=12, choices=StatutMessage.choices)
    statut_apres = models.CharField(max_length=12, choices=StatutMessage.choices)
    date = models.DateTimeField(auto_now_add=True)
    detail = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "changement de statut de message"
        verbose_name_plural = "changements de statut de message"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.statut_avant} → {self.statut_apres}"


class RappelFournisseur(models.Model):
    """The digest of each signed callback already applied: the same callback played again is refused."""

    empreinte = models.CharField(max_length=64, unique=True)
    recu_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rappel du fournisseur"
        verbose_name_plural = "rappels du fournisseur"

    def __str__(self):
        return f"Rappel du {self.recu_le:%d/%m/%Y %H:%M}"


class Consentement(models.Model):
    """What the person agreed to be reached by. Letters need no consent; e-mail and SMS do."""

    beneficiaire = models.OneToOneField(
        "parcours.Beneficiaire", on_delete=models.CASCADE, related_name="consentement", verbose_name="bénéficiaire"
    )
    sms = models.BooleanField("accepte les SMS", default=False)
    email = models.BooleanField("accepte les courriels", default=False)
    recueilli_le = models.DateTimeField("recueilli le", auto_now=True)

    class Meta:
        verbose_name = "consentement aux messages"
        verbose_name_plural = "consentements aux messages"

    def __str__(self):
        return f"Consentement de {self.beneficiaire}"


class OppositionSms(models.Model):
    """A number that answered STOP (or was stopped by an agent): no SMS goes to it any more."""

    telephone = models.CharField("téléphone", max_length=16, unique=True, help_text="Au format +33XXXXXXXXX.")
    date = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=30, default="stop_sms")

    class Meta:
        verbose_name = "opposition aux SMS"
        verbose_name_plural = "oppositions aux SMS"

    def __str__(self):
        return self.telephone
