"""Freins périphériques, rendez-vous and notes of a parcours."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from parcours.choices import Presence
from parcours.models import (
    Frein,
    Note,
    RendezVous,
)
from parcours.regles import pas_dans_le_futur, verifier_ouvert, verrouiller

MINUTE = datetime.timedelta(minutes=1)


@transaction.atomic
def identifier_frein(parcours, *, categorie, date_identification, par, commentaire="", version=None) -> Frein:
    verifier_ouvert(parcours)
    pas_dans_le_futur(date_identification, "date_identification", "La date d'identification")
    if parcours.freins.filter(categorie=categorie, date_levee__isnull=True).exists():
        raise ValidationError({"categorie": "Un frein de cette catégorie est déjà ouvert sur ce parcours."})
    verrouiller(parcours, version, par)
    frein = Frein(
        parcours=parcours,
        categorie=categorie,
        date_identification=date_identification,
        commentaire=commentaire.strip(),
        created_by=par,
    )
    frein._history_user = par
    frein.save()
    return frein


@transaction.atomic
def lever_frein(frein, *, date_levee, par, version=None) -> Frein:
    parcours = frein.parcours
    verifier_ouvert(parcours)
    if frein.date_levee is not None:
        raise ValidationError({"frein": f"Ce frein est déjà levé depuis le {frein.date_levee:%d/%m/%Y}."})
    pas_dans_le_futur(date_levee, "date_levee", "La date de levée")
    if date_levee < frein.date_identification:
        raise ValidationError({"date_levee": "Un frein ne peut pas être levé avant d'avoir été identifié."})
    verrouiller(parcours, version, par)
    frein.date_levee = date_levee
    frein._history_user = par
    frein.save(update_fields=["date_levee"])
    return frein


# --- Rendez-vous and notes ----------------------------------------------------------------------------


def _verifier_presence_notable(date, presence):
    """The attendance of a rendez-vous is known once its time has come; a past day cannot stay «prévu»."""
    maintenant = timezone.localtime()
    if presence == Presence.PREVU:
        if timezone.localtime(date).date() < maintenant.date():
            raise ValidationError(
                {
                    "presence": "Un rendez-vous d'une date passée ne peut pas être « prévu » : "
                    "indiquez si la personne était présente ou absente."
                }
            )
    elif date > maintenant:
        raise ValidationError(
            {
                "presence": f"Ce rendez-vous est prévu le {timezone.localtime(date):%d/%m/%Y à %H:%M} : "
                "sa présence pourra être notée à partir de cette heure."
            }
        )


@transaction.atomic
def planifier_rendez_vous(
    parcours, *, date, nature, par, avec=None, objet="", presence=Presence.PREVU, version=None
) -> RendezVous:
    """Plan a rendez-vous, or record a past one with its attendance. Recording the attendance at the time of a
    rendez-vous already planned updates that one: the same meeting is not written twice."""
    verifier_ouvert(parcours)
    if date.date() < parcours.date_entree:
        raise ValidationError({"date": "Le rendez-vous ne peut pas précéder l'entrée dans le dispositif."})
    _verifier_presence_notable(date, presence)
    prevu = None
    if presence != Presence.PREVU:
        minute = date.replace(second=0, microsecond=0)
        prevu = (
            parcours.rendezvouss.filter(presence=Presence.PREVU, date__gte=minute, date__lt=minute + MINUTE)
            .order_by("created_at")
            .first()
        )
    verrouiller(parcours, version, par)
    if prevu is not None:
        return _ecrire_presence(prevu, presence, par, objet=objet)
    rdv = RendezVous(
        parcours=parcours, date=date, nature=nature, avec=avec, objet=objet.strip(), presence=presence, created_by=par
    )
    rdv._history_user = par
    rdv.save()
    return rdv


def _ecrire_presence(rendez_vous, presence, par, objet=""):
    rendez_vous.presence = presence
    champs = ["presence"]
    if objet.strip() and not rendez_vous.objet:
        rendez_vous.objet = objet.strip()
        champs.append("objet")
    rendez_vous._history_user = par
    rendez_vous.save(update_fields=champs)
    return rendez_vous


@transaction.atomic
def noter_presence(rendez_vous, *, presence, par, version=None) -> RendezVous:
    parcours = rendez_vous.parcours
    verifier_ouvert(parcours)
    if presence == Presence.PREVU:
        raise ValidationError({"presence": "Indiquez si la personne était présente ou absente."})
    if rendez_vous.presence != Presence.PREVU:
        raise ValidationError({"rendez_vous": "La présence de ce rendez-vous est déjà notée."})
    _verifier_presence_notable(rendez_vous.date, presence)
    verrouiller(parcours, version, par)
    return _ecrire_presence(rendez_vous, presence, par)


@transaction.atomic
def ajouter_note(parcours, *, date, texte, par, version=None) -> Note:
    verifier_ouvert(parcours)
    pas_dans_le_futur(date, "date", "La date de la note")
    if not (texte or "").strip():
        raise ValidationError({"texte": "La note est vide."})
    verrouiller(parcours, version, par)
    return Note.objects.create(parcours=parcours, date=date, texte=texte.strip(), created_by=par)
