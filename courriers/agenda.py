"""Créneaux of the MDD sites and the bookings that fill them: create, book (one place each, never two bookings
of the same place), cancel, move. Called by the agent pages, the person's booking page and the convocations."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from courriers.choices import NatureCreneau
from courriers.models import Creneau, Reservation
from parcours.choices import NatureRendezVous
from parcours.suivi import planifier_rendez_vous

COMPLET = "Ce créneau vient d'être pris ou est complet : choisissez-en un autre."


@transaction.atomic
def creer_creneaux(*, site, nature, debut, duree_minutes, par, nombre=1, capacite=1, agent=None, intitule=""):
    """`nombre` consecutive créneaux of `duree_minutes` from `debut` (a morning of interviews in one entry)."""
    if duree_minutes < 5 or duree_minutes > 8 * 60:
        raise ValidationError({"duree_minutes": "Un créneau dure de 5 minutes à 8 heures."})
    if not 1 <= nombre <= 40:
        raise ValidationError({"nombre": "Créez de 1 à 40 créneaux à la fois."})
    if debut <= timezone.now():
        raise ValidationError({"debut": "Un créneau se crée dans l'avenir."})
    if nature == NatureCreneau.INDIVIDUEL:
        if agent is None:
            raise ValidationError({"agent": "Un entretien individuel a lieu avec un professionnel : choisissez-le."})
        capacite = 1
    elif capacite < 1:
        raise ValidationError({"capacite": "Une information collective a au moins une place."})
    duree = datetime.timedelta(minutes=duree_minutes)
    creneaux = [
        Creneau(
            site=site,
            nature=nature,
            agent=agent,
            debut=debut + i * duree,
            fin=debut + (i + 1) * duree,
            capacite=capacite,
            intitule=intitule.strip(),
            created_by=par,
        )
        for i in range(nombre)
    ]
    for creneau in creneaux:
        creneau.full_clean(exclude=["site", "agent", "created_by"])
    return Creneau.objects.bulk_create(creneaux)


def _nature_rendez_vous(creneau) -> str:
    if creneau.nature == NatureCreneau.COLLECTIF:
        return NatureRendezVous.COLLECTIF
    return NatureRendezVous.INDIVIDUEL


@transaction.atomic
def reserver(creneau_id, parcours, *, par=None, objet="") -> Reservation:
    """Take the first free place of the créneau and plan the rendez-vous it fills, or refuse in French.

    The créneau row is locked (PostgreSQL) so that concurrent bookings queue; whatever happens, the partial unique
    constraint on (créneau, place) lets only one of two bookings of the same place win."""
    creneau = Creneau.objects.select_for_update().select_related("site").filter(pk=creneau_id).first()
    if creneau is None:
        raise ValidationError("Ce créneau n'existe plus.")
    if creneau.debut <= timezone.now():
        raise ValidationError("Ce créneau est déjà passé : choisissez-en un autre.")
    prises = dict(creneau.reservations.filter(annulee_le__isnull=True).values_list("place", "parcours_id"))
    if parcours.pk in prises.values():
        raise ValidationError("Cette personne a déjà une place dans ce créneau.")
    libres = [place for place in range(1, creneau.capacite + 1) if place not in prises]
    if not libres:
        raise ValidationError(COMPLET)
    rendez_vous = planifier_rendez_vous(
        parcours,
        date=creneau.debut,
        nature=_nature_rendez_vous(creneau),
        par=par,
        avec=creneau.agent,
        objet=(objet or creneau.intitule or f"Au site {creneau.site.nom}")[:250],
    )
    try:
        with transaction.atomic():
            return Reservation.objects.create(
                creneau=creneau, parcours=parcours, rendez_vous=rendez_vous, place=libres[0]
            )
    except IntegrityError:
        raise ValidationError(COMPLET) from None


@transaction.atomic
def annuler(reservation, *, par=None) -> Reservation:
    """Free the place; the rendez-vous it had planned goes (its history keeps it)."""
    if reservation.annulee_le is not None:
        raise ValidationError("Ce rendez-vous est déjà annulé.")
    if reservation.creneau.debut <= timezone.now():
        raise ValidationError("Ce rendez-vous est passé : il ne peut plus être annulé.")
    reservation.annulee_le = timezone.now()
    reservation.save(update_fields=["annulee_le"])
    if reservation.rendez_vous_id:
        rendez_vous = reservation.rendez_vous
        rendez_vous._history_user = par
        rendez_vous.delete()
    return reservation


@transaction.atomic
def deplacer(reservation, creneau_id, *, par=None) -> Reservation:
    """Cancel, then book the other créneau; if it is taken, nothing is changed (the transaction rolls back)."""
    parcours = reservation.parcours
    annuler(reservation, par=par)
    return reserver(creneau_id, parcours, par=par)


def semaine_de(jour: datetime.date) -> tuple[datetime.date, datetime.date]:
    lundi = jour - datetime.timedelta(days=jour.weekday())
    return lundi, lundi + datetime.timedelta(days=7)


def agenda(user, debut: datetime.date, fin: datetime.date, *, agent=None):
    """The créneaux the user sees from `debut` to `fin` (excluded), with their bookings and who took them."""
    tz = timezone.get_current_timezone()
    de = datetime.datetime.combine(debut, datetime.time.min, tzinfo=tz)
    a = datetime.datetime.combine(fin, datetime.time.min, tzinfo=tz)
    qs = Creneau.objects.visible_par(user).filter(debut__gte=de, debut__lt=a)
    if agent is not None:
        qs = qs.filter(agent=agent)
    actives = Reservation.objects.filter(annulee_le__isnull=True).select_related(
        "parcours__beneficiaire", "rendez_vous"
    )
    return qs.select_related("site__commune", "agent").prefetch_related(
        Prefetch("reservations", queryset=actives, to_attr="actives")
    )
