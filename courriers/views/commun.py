"""What the courriers pages share: the scoped parcours, the département's name, a letter printed from a template."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from courriers import contexte, messages, modeles
from courriers.invitations import journaliser_envois
from courriers.models import Message
from pacte.models import Pacte
from parcours.models import Parcours


def parcours_visible(user, pk):
    return get_object_or_404(Parcours.objects.visible_par(user).select_related(*contexte.RELATIONS), pk=pk)


def departement_nom() -> str:
    pacte = Pacte.courant()
    return pacte.departement_nom if pacte else ""


def imprimer(parcours, nature, par) -> Message:
    """A letter (contract to sign, notification of orientation) from the current version, kept as a message so
    that it is on the timeline and keeps the version it was made from."""
    pacte = Pacte.courant()
    version = modeles.version_courante(pacte.departement_code if pacte else "", nature)
    valeurs = contexte.valeurs(parcours, departement=departement_nom())
    rendu = messages.rendre(version, valeurs)
    message = Message.objects.create(
        parcours=parcours,
        nature=nature,
        canal="courrier",
        destinataire=parcours.beneficiaire.adresse,
        version=version,
        objet=rendu.objet,
        contenu=rendu.corps,
        statut="envoye",
        envoye_le=timezone.now(),
        created_by=par,
    )
    journaliser_envois(par, [message], nature)
    return message
