"""Convocations: a fixed slot, always by letter (the proof the law expects), and by SMS and e-mail when the person
can be reached on them; a reminder the day before. The attendance is then noted on the rendez-vous the booking
filled (parcours.suivi.noter_presence, from the parcours page)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courriers import agenda, contexte, messages, modeles
from courriers.choices import Canal, EtatInvitation, NatureCourrier
from courriers.invitations import journaliser_envois
from courriers.models import Convocation, Creneau, Invitation, Message
from courriers.referentiel import parametres
from pacte.models import Pacte
from parcours.models import Parcours


def _departement():
    pacte = Pacte.courant()
    return (pacte.departement_code, pacte.departement_nom) if pacte else ("", "")


@transaction.atomic
def convoquer(parcours, creneau_id, *, canaux, par, invitation=None) -> tuple[Convocation, list[str]]:
    """Book the slot for the person, write the convocation and its messages; (convocation, reasons for the channels
    that could not be used)."""
    code, nom = _departement()
    parcours = Parcours.objects.select_related(*contexte.RELATIONS, "beneficiaire__consentement").get(pk=parcours.pk)
    canaux = sorted({*canaux, Canal.COURRIER})
    oppositions = messages.oppositions_parmi([parcours.beneficiaire])
    if messages.destinataire(parcours.beneficiaire, Canal.COURRIER, oppositions)[1]:
        raise ValidationError(
            "Une convocation part par courrier : complétez d'abord l'adresse postale de la personne (rue et commune)."
        )
    version = modeles.version_courante(code, NatureCourrier.CONVOCATION)
    reservation = agenda.reserver(creneau_id, parcours, par=par, objet="Convocation")
    creneau = Creneau.objects.select_related("site__commune", "agent").get(pk=creneau_id)
    convocation = Convocation.objects.create(
        parcours=parcours,
        rendez_vous=reservation.rendez_vous,
        reservation=reservation,
        date=creneau.debut,
        invitation=invitation,
        created_by=par,
    )
    if invitation is not None:
        Invitation.objects.filter(pk=invitation.pk).update(etat=EtatInvitation.CLOSE)
    valeurs = contexte.valeurs(parcours, departement=nom, creneau=creneau)
    construits, motifs = messages.construire(
        parcours,
        nature=NatureCourrier.CONVOCATION,
        canaux=canaux,
        version=version,
        valeurs=valeurs,
        oppositions=oppositions,
        par=par,
        convocation=convocation,
    )
    Message.objects.bulk_create(construits)
    journaliser_envois(par, construits, "convocation")
    return convocation, motifs


@transaction.atomic
def rappeler(maintenant=None) -> int:
    """The reminder of the convocations of the coming days (the référentiel's number, 1: the day before), by SMS
    and e-mail only, once each."""
    maintenant = maintenant or timezone.now()
    p = parametres()
    code, nom = _departement()
    limite = maintenant + datetime.timedelta(days=p.rappel_convocation_jours_avant)
    dues = list(
        Convocation.objects.filter(rappel_envoye_le__isnull=True, date__gt=maintenant, date__lte=limite)
        .filter(rendez_vous__presence="prevu")
        .select_related(*(f"parcours__{r}" for r in contexte.RELATIONS), "parcours__beneficiaire__consentement")
        .select_related("reservation__creneau__site__commune", "reservation__creneau__agent")
    )
    if not dues:
        return 0
    version = modeles.version_courante(code, NatureCourrier.RAPPEL_CONVOCATION)
    oppositions = messages.oppositions_parmi(c.parcours.beneficiaire for c in dues)
    a_creer = []
    for convocation in dues:
        creneau = convocation.reservation.creneau if convocation.reservation_id else None
        valeurs = contexte.valeurs(convocation.parcours, departement=nom, creneau=creneau)
        construits, _ = messages.construire(
            convocation.parcours,
            nature=NatureCourrier.RAPPEL_CONVOCATION,
            canaux=[Canal.SMS, Canal.EMAIL],
            version=version,
            valeurs=valeurs,
            oppositions=oppositions,
            convocation=convocation,
        )
        a_creer.extend(construits)
    Message.objects.bulk_create(a_creer)
    Convocation.objects.filter(pk__in=[c.pk for c in dues]).update(rappel_envoye_le=maintenant)
    return len(a_creer)
