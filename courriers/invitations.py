"""Invitations: a personal link (signed, expiring) to book a slot of the person's MDD, sent by SMS, e-mail and/or
letter; the reminder after some days without a booking; the expiry, told to the agent, who may then convene.

`inviter` takes one person or a selection of thousands in a fixed number of queries: the people and what is
needed to write to them in one read, the invitations, messages and journal entries in bulk inserts."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courriers import contexte, messages, modeles
from courriers.choices import EtatInvitation, NatureCourrier
from courriers.models import Invitation, Message
from courriers.referentiel import parametres
from pacte.models import JournalAcces, Pacte
from parcours.models import Parcours

SEL = "courriers.invitation"


def jeton(invitation_id: int) -> str:
    """The link's token: the invitation's id signed with the SECRET_KEY (HMAC). Nothing secret is stored; the
    expiry and the state are read from the invitation, so a link dies with it."""
    return signing.Signer(salt=SEL).sign(str(invitation_id))


def invitation_du_jeton(texte: str) -> Invitation | None:
    """The invitation of a token, or None when it was tampered with (the page then says the link is not valid)."""
    try:
        pk = int(signing.Signer(salt=SEL).unsign(texte))
    except (signing.BadSignature, ValueError):
        return None
    return (
        Invitation.objects.select_related(*(f"parcours__{r}" for r in contexte.RELATIONS), "reservation__creneau__site")
        .filter(pk=pk)
        .first()
    )


def lien(invitation_id: int) -> str:
    return settings.PACTE_URL_PUBLIQUE + reverse("rdv:page", args=[jeton(invitation_id)])


@dataclass
class Bilan:
    invitees: int = 0
    messages: int = 0
    motifs: list[str] = field(default_factory=list)


def _parcours(ids):
    return list(
        Parcours.objects.filter(pk__in=ids, date_sortie__isnull=True)
        .select_related(*contexte.RELATIONS, "beneficiaire__consentement")
        .order_by("pk")
    )


@transaction.atomic
def inviter(parcours_ids, *, canaux, par, maintenant=None) -> Bilan:
    """Invite each open parcours of `parcours_ids` on the channels it can be reached on."""
    maintenant = maintenant or timezone.now()
    p = parametres()
    pacte = Pacte.courant()
    version = modeles.version_courante(p.departement_code, NatureCourrier.INVITATION)
    tous = _parcours(parcours_ids)
    oppositions = messages.oppositions_parmi(x.beneficiaire for x in tous)
    bilan = Bilan()
    retenus = []
    for parcours in tous:
        joignables = []
        for canal in canaux:
            motif = messages.destinataire(parcours.beneficiaire, canal, oppositions)[1]
            if motif:
                bilan.motifs.append(motif)
            else:
                joignables.append(canal)
        if joignables:
            retenus.append((parcours, joignables))
    expire_le = maintenant + datetime.timedelta(days=p.validite_invitation_jours)
    invitations = Invitation.objects.bulk_create(
        [Invitation(parcours=parcours, expire_le=expire_le, created_by=par) for parcours, _ in retenus]
    )
    a_creer = []
    for invitation, (parcours, joignables) in zip(invitations, retenus, strict=True):
        valeurs = contexte.valeurs(
            parcours, departement=pacte.departement_nom if pacte else "", lien=lien(invitation.pk), expire_le=expire_le
        )
        construits, motifs = messages.construire(
            parcours,
            nature=NatureCourrier.INVITATION,
            canaux=joignables,
            version=version,
            valeurs=valeurs,
            oppositions=oppositions,
            par=par,
            invitation=invitation,
        )
        a_creer.extend(construits)
        bilan.motifs.extend(motifs)
    Message.objects.bulk_create(a_creer, batch_size=1000)
    journaliser_envois(par, a_creer, "invitation")
    bilan.invitees, bilan.messages = len(invitations), len(a_creer)
    return bilan


def journaliser_envois(par, envoyes, libelle: str) -> None:
    """One entry of the access journal per message written from a person's record (one insert for all)."""
    if par is None:
        return
    JournalAcces.objects.bulk_create(
        [
            JournalAcces(
                utilisateur=par,
                page="courriers",
                objet="message",
                objet_id=m.pk,
                beneficiaire_id=m.parcours.beneficiaire_id,
                nature=JournalAcces.Nature.MODIFICATION,
                libelle=f"Envoi : {libelle} par {m.get_canal_display().lower()}",
            )
            for m in envoyes
        ],
        batch_size=1000,
    )


@transaction.atomic
def relancer(maintenant=None) -> int:
    """Remind, once, the people invited `relance_apres_jours` ago who have booked nothing, on the channels of the
    invitation (a letter is not sent again)."""
    maintenant = maintenant or timezone.now()
    p = parametres()
    pacte = Pacte.courant()
    limite = maintenant - datetime.timedelta(days=p.relance_apres_jours)
    dues = list(
        Invitation.objects.filter(etat=EtatInvitation.ENVOYEE, relancee_le__isnull=True, created_at__lte=limite)
        .filter(expire_le__gt=maintenant)
        .select_related(*(f"parcours__{r}" for r in contexte.RELATIONS), "parcours__beneficiaire__consentement")
    )
    if not dues:
        return 0
    version = modeles.version_courante(p.departement_code, NatureCourrier.RELANCE)
    canaux_de = {}
    for invitation_id, canal in Message.objects.filter(
        invitation__in=dues, nature=NatureCourrier.INVITATION
    ).values_list("invitation_id", "canal"):
        if canal != "courrier":
            canaux_de.setdefault(invitation_id, set()).add(canal)
    oppositions = messages.oppositions_parmi(i.parcours.beneficiaire for i in dues)
    a_creer = []
    for invitation in dues:
        valeurs = contexte.valeurs(
            invitation.parcours,
            departement=pacte.departement_nom if pacte else "",
            lien=lien(invitation.pk),
            expire_le=invitation.expire_le,
        )
        construits, _ = messages.construire(
            invitation.parcours,
            nature=NatureCourrier.RELANCE,
            canaux=sorted(canaux_de.get(invitation.pk, ())),
            version=version,
            valeurs=valeurs,
            oppositions=oppositions,
            invitation=invitation,
        )
        a_creer.extend(construits)
    Message.objects.bulk_create(a_creer)
    Invitation.objects.filter(pk__in=[i.pk for i in dues]).update(relancee_le=maintenant)
    return len(a_creer)


def expirer(maintenant=None) -> int:
    """The invitations past their date without a booking become expired: the agents see them in their list of
    invitations to follow up, with the button to convene."""
    maintenant = maintenant or timezone.now()
    return Invitation.objects.filter(etat=EtatInvitation.ENVOYEE, expire_le__lte=maintenant).update(
        etat=EtatInvitation.EXPIREE, expiration_signalee_le=maintenant
    )
