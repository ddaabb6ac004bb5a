"""Freins périphériques, rendez-vous and notes of a parcours."""

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


@transaction.atomic
def planifier_rendez_vous(
    parcours, *, date, nature, par, avec=None, objet="", presence=Presence.PREVU, version=None
) -> RendezVous:
    """Plan a rendez-vous, or record a past one with its attendance."""
    verifier_ouvert(parcours)
    if date.date() < parcours.date_entree:
        raise ValidationError({"date": "Le rendez-vous ne peut pas précéder l'entrée dans le dispositif."})
    if presence != Presence.PREVU and date > timezone.now():
        raise ValidationError({"presence": "La présence d'un rendez-vous à venir ne peut pas encore être notée."})
    verrouiller(parcours, version, par)
    rdv = RendezVous(
        parcours=parcours, date=date, nature=nature, avec=avec, objet=objet.strip(), presence=presence, created_by=par
    )
    rdv._history_user = par
    rdv.save()
    return rdv


@transaction.atomic
def noter_presence(rendez_vous, *, presence, par, version=None) -> RendezVous:
    parcours = rendez_vous.parcours
    verifier_ouvert(parcours)
    if presence == Presence.PREVU:
        raise ValidationError({"presence": "Indiquez si la personne était présente ou absente."})
    if rendez_vous.date > timezone.now():
        raise ValidationError({"presence": "La présence d'un rendez-vous à venir ne peut pas encore être notée."})
    verrouiller(parcours, version, par)
    rendez_vous.presence = presence
    rendez_vous._history_user = par
    rendez_vous.save(update_fields=["presence"])
    return rendez_vous


@transaction.atomic
def ajouter_note(parcours, *, date, texte, par, version=None) -> Note:
    verifier_ouvert(parcours)
    pas_dans_le_futur(date, "date", "La date de la note")
    if not (texte or "").strip():
        raise ValidationError({"texte": "La note est vide."})
    verrouiller(parcours, version, par)
    return Note.objects.create(parcours=parcours, date=date, texte=texte.strip(), created_by=par)
