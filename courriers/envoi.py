"""Sending the queued messages: e-mail through Django's e-mail API, SMS through the adapter (courriers.sms).

A message is claimed (en_attente → en_cours, a conditional UPDATE) before it is handed to the provider, so two
workers never send it twice; a provider that fails or does not answer puts it back in the queue with a later try,
up to the référentiel's number of attempts. SMS never leave at night (outside the référentiel's hours) nor on a
Sunday: they wait in the queue for the next allowed hour. Each run sends at most the référentiel's number per
minute (the throttle); the task that runs the queue comes back a minute later while messages remain.

A claim is a lease (pris_le): a worker that died while a message was en_cours leaves it there, so each run first
takes back the messages claimed more than BAIL_MINUTES ago. One the provider had already accepted (its id was kept,
written as soon as the provider answered) is marked sent, never sent again; the others go back to the queue, the
attempt counted, or fail after the last attempt. What remains possible is a crash in the instant between the
provider's answer and the write of its id: that message is sent again once, the only duplicate left.
"""

import datetime
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db.models import F
from django.utils import timezone

from courriers import gabarits, sms, statuts
from courriers.choices import Canal
from courriers.choices import StatutMessage as S
from courriers.models import Message
from courriers.referentiel import parametres

DIMANCHE = 6
# Far above the longest hand-over (the SMS provider's 10 s timeout, SMTP's 20 s): only a dead worker outlives it.
BAIL_MINUTES = 10


def prochaine_heure_sms(moment, p) -> datetime.datetime | None:
    """None when an SMS may leave at `moment`; otherwise the next moment it may (local time of the département)."""
    local = timezone.localtime(moment)
    if local.weekday() != DIMANCHE and p.sms_heure_debut <= local.hour < p.sms_heure_fin:
        return None
    jour = local.date() if local.hour < p.sms_heure_debut else local.date() + datetime.timedelta(days=1)
    while jour.weekday() == DIMANCHE:
        jour += datetime.timedelta(days=1)
    return datetime.datetime.combine(jour, datetime.time(p.sms_heure_debut), tzinfo=local.tzinfo)


def _envoyer_email(message) -> str:
    courriel = EmailMultiAlternatives(
        subject=message.objet,
        body=message.contenu,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.destinataire],
        # Our own Message-ID: the provider's bounce callbacks name the message by it.
        headers={"X-Pacte-Message": str(message.pk), "Message-ID": make_msgid(f"message-{message.pk}")},
    )
    courriel.attach_alternative(f'<html lang="fr"><body>{gabarits.en_html(message.contenu)}</body></html>', "text/html")
    try:
        courriel.send()
    except smtplib.SMTPRecipientsRefused:
        raise sms.ErreurEnvoi(
            "L'adresse électronique est refusée par le serveur de courriel.", definitive=True
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise sms.ErreurEnvoi(f"Le serveur de courriel ne répond pas ({exc.__class__.__name__}).") from None
    return courriel.extra_headers["Message-ID"]


def _remettre(message, erreur, p):
    """Back to the queue for a later try, or failed after the last attempt (or an error that will not pass)."""
    if erreur.definitive or message.tentatives >= p.envoi_tentatives_max:
        final = S.REJETE if erreur.definitive else S.ECHOUE
        statuts.appliquer(message, final, detail=str(erreur), derniere_erreur=str(erreur)[:250])
        return final
    attente = datetime.timedelta(minutes=p.delai_reessai_minutes * 2 ** (message.tentatives - 1))
    statuts.appliquer(
        message,
        S.EN_ATTENTE,
        detail=str(erreur),
        derniere_erreur=str(erreur)[:250],
        prochain_essai=timezone.now() + attente,
    )
    return S.EN_ATTENTE


def envoyer(message: Message, p=None, maintenant=None) -> str:
    """Send one queued message; the status it ends in (or "reporte" when an SMS must wait, "pris" when another
    worker had it)."""
    p = p or parametres()
    if message.canal == Canal.SMS:
        plus_tard = prochaine_heure_sms(maintenant or timezone.now(), p)
        if plus_tard is not None:
            Message.objects.filter(pk=message.pk, statut=S.EN_ATTENTE).update(prochain_essai=plus_tard)
            return "reporte"
    if not statuts.appliquer(message, S.EN_COURS, tentatives=F("tentatives") + 1, pris_le=timezone.now()):
        return "pris"
    message.tentatives += 1
    try:
        if message.canal == Canal.SMS:
            reference = sms.fournisseur().envoyer(message.destinataire, message.contenu, f"message-{message.pk}")
        else:
            reference = _envoyer_email(message)
    except sms.ErreurEnvoi as erreur:
        return _remettre(message, erreur, p)
    # The provider's id first, on its own: if the worker dies now, the lease's end finds it and does not resend.
    reference = reference[:100] or f"accepte-{message.pk}"
    Message.objects.filter(pk=message.pk, statut=S.EN_COURS).update(reference_fournisseur=reference)
    statuts.appliquer(message, S.ENVOYE, reference_fournisseur=reference, envoye_le=timezone.now())
    return S.ENVOYE


def reprendre_bails_expires(p=None, maintenant=None) -> dict:
    """The messages a dead worker left en_cours: sent if the provider had accepted them, else queued again (or
    failed after the last attempt). Each move is conditional on the status read, so two runs never both take one."""
    p = p or parametres()
    maintenant = maintenant or timezone.now()
    bilan = {}
    expires = Message.objects.filter(
        statut=S.EN_COURS, pris_le__lt=maintenant - datetime.timedelta(minutes=BAIL_MINUTES)
    )
    for message in expires.order_by("pk"):
        if message.reference_fournisseur:
            fait = statuts.appliquer(
                message,
                S.ENVOYE,
                detail="Envoi interrompu après l'acceptation du fournisseur : pas de second envoi.",
                envoye_le=message.pris_le,
            )
            resultat = S.ENVOYE
        elif message.tentatives >= p.envoi_tentatives_max:
            erreur = "Envoi interrompu (travailleur arrêté) à la dernière tentative."
            fait = statuts.appliquer(message, S.ECHOUE, detail=erreur, derniere_erreur=erreur)
            resultat = S.ECHOUE
        else:
            erreur = "Envoi interrompu (travailleur arrêté) : remis dans la file."
            fait = statuts.appliquer(message, S.EN_ATTENTE, detail=erreur, derniere_erreur=erreur, prochain_essai=None)
            resultat = S.EN_ATTENTE
        if fait:
            bilan[resultat] = bilan.get(resultat, 0) + 1
    return bilan


def traiter_file(limite: int | None = None, maintenant=None) -> dict:
    """Send the messages whose time has come, at most `limite` (the référentiel's rate per minute)."""
    p = parametres()
    limite = p.envoi_par_minute if limite is None else limite
    # The lease runs on the real clock: `maintenant` is the clock of the SMS hours (tests pass a weekday).
    repris = reprendre_bails_expires(p)
    a_envoyer = (
        Message.objects.a_envoyer()
        .exclude(canal=Canal.COURRIER)
        .order_by(F("prochain_essai").asc(nulls_first=True), "pk")
    )
    bilan = {f"repris_{statut}": nombre for statut, nombre in repris.items()}
    for message in a_envoyer[:limite]:
        resultat = envoyer(message, p, maintenant)
        bilan[resultat] = bilan.get(resultat, 0) + 1
    return bilan


def reste_a_envoyer() -> bool:
    """Queued messages, or claimed ones whose worker may have died (the next run takes them back)."""
    en_cours = Message.objects.filter(statut=S.EN_COURS)
    return Message.objects.a_envoyer().exclude(canal=Canal.COURRIER).exists() or en_cours.exists()
