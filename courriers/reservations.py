"""What the person does from their link: see the free slots of their MDD, book one, cancel or move it (as many
times as the référentiel allows, once by default). Every refusal is a French sentence and writes nothing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from courriers import agenda, contexte, messages, modeles
from courriers.choices import Canal, EtatInvitation, NatureCourrier
from courriers.invitations import lien
from courriers.models import Creneau, Invitation, Message
from courriers.referentiel import parametres
from pacte.models import Pacte

EXPIREE = "Ce lien a expiré. Appelez votre maison du département pour fixer un rendez-vous."
CLOSE = "Cette invitation est close. Appelez votre maison du département pour toute question."


def creneaux_proposes(invitation, maintenant=None):
    p = parametres()
    maintenant = maintenant or timezone.now()
    jusqu_au = maintenant + datetime.timedelta(days=p.horizon_creneaux_jours)
    return Creneau.objects.ouverts_pour(invitation.parcours.mdd, jusqu_au, apres=maintenant)


def _verrouiller(invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


def _ouverte(invitation, maintenant):
    if invitation.etat == EtatInvitation.EXPIREE or invitation.expire_le <= maintenant:
        raise ValidationError(EXPIREE)
    if invitation.etat == EtatInvitation.CLOSE:
        raise ValidationError(CLOSE)


def _creneau_de_sa_mdd(invitation, creneau_id):
    if not Creneau.objects.filter(pk=creneau_id, site__mdd_id=invitation.parcours.mdd_id).exists():
        raise ValidationError("Ce créneau n'est pas proposé par votre maison du département.")


@transaction.atomic
def choisir(invitation, creneau_id, maintenant=None):
    maintenant = maintenant or timezone.now()
    verrouillee = _verrouiller(invitation)
    _ouverte(verrouillee, maintenant)
    if verrouillee.etat == EtatInvitation.RESERVEE:
        raise ValidationError("Vous avez déjà un rendez-vous : déplacez-le plutôt que d'en prendre un second.")
    _creneau_de_sa_mdd(invitation, creneau_id)
    reservation = agenda.reserver(creneau_id, invitation.parcours, objet="Rendez-vous pris en ligne")
    Invitation.objects.filter(pk=invitation.pk).update(etat=EtatInvitation.RESERVEE, reservation=reservation)
    confirmer(invitation, reservation)
    return reservation


def _peut_changer(invitation):
    if invitation.etat != EtatInvitation.RESERVEE or invitation.reservation_id is None:
        raise ValidationError("Vous n'avez pas de rendez-vous à changer.")
    if invitation.deplacements >= parametres().deplacements_permis:
        raise ValidationError(
            "Vous avez déjà changé ce rendez-vous : pour un nouveau changement, appelez votre maison du département."
        )


@transaction.atomic
def annuler(invitation, maintenant=None):
    maintenant = maintenant or timezone.now()
    verrouillee = _verrouiller(invitation)
    _peut_changer(verrouillee)
    agenda.annuler(verrouillee.reservation)
    # Back to an invitation to book while the link is valid: the person may choose another slot before it expires.
    Invitation.objects.filter(pk=invitation.pk).update(
        etat=EtatInvitation.ENVOYEE, reservation=None, deplacements=verrouillee.deplacements + 1
    )


@transaction.atomic
def deplacer(invitation, creneau_id, maintenant=None):
    verrouillee = _verrouiller(invitation)
    _peut_changer(verrouillee)
    _creneau_de_sa_mdd(invitation, creneau_id)
    reservation = agenda.deplacer(verrouillee.reservation, creneau_id)
    Invitation.objects.filter(pk=invitation.pk).update(
        reservation=reservation, deplacements=verrouillee.deplacements + 1
    )
    confirmer(invitation, reservation)
    return reservation


def confirmer(invitation, reservation):
    """A confirmation on the invitation's SMS and e-mail channels (the page itself confirms at once)."""
    canaux = set(
        Message.objects.filter(invitation=invitation, canal__in=[Canal.SMS, Canal.EMAIL]).values_list(
            "canal", flat=True
        )
    )
    if not canaux:
        return []
    parcours = invitation.parcours
    pacte = Pacte.courant()
    version = modeles.version_courante(pacte.departement_code if pacte else "", NatureCourrier.CONFIRMATION)
    creneau = Creneau.objects.select_related("site__commune", "agent").get(pk=reservation.creneau_id)
    valeurs = contexte.valeurs(
        parcours,
        departement=pacte.departement_nom if pacte else "",
        creneau=creneau,
        lien=lien(invitation.pk),
        expire_le=invitation.expire_le,
    )
    construits, _ = messages.construire(
        parcours,
        nature=NatureCourrier.CONFIRMATION,
        canaux=sorted(canaux),
        version=version,
        valeurs=valeurs,
        oppositions=messages.oppositions_parmi([parcours.beneficiaire]),
        invitation=invitation,
    )
    return Message.objects.bulk_create(construits)
