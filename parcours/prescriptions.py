"""The prescription state machine: one table of allowed transitions, one function that applies them.

A prescription is created by `prescrire` (state «proposée») and moves only through `changer_etat`,
which checks the table, dates the move, saves and writes a TransitionPrescription row, all in one
transaction. Every entry point (prescriber pages, partner space, API, demo) calls these functions.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pacte.choices import TypeSortie
from parcours.choices import EtatPrescription as E
from parcours.models import Parcours, Prescription, TransitionPrescription
from partenaires.models import Action

TRANSITIONS: dict[str, frozenset[str]] = {
    E.PROPOSEE: frozenset({E.ACCEPTEE, E.REFUSEE, E.ANNULEE}),
    E.ACCEPTEE: frozenset({E.ENTREE, E.ABANDON, E.REFUSEE, E.ANNULEE}),
    E.ENTREE: frozenset({E.SORTIE, E.ABANDON}),
    E.REFUSEE: frozenset(),
    E.SORTIE: frozenset(),
    E.ABANDON: frozenset(),
    E.ANNULEE: frozenset(),
}

# Moves the partner does not make: the prescriber's side cancels (at the sortie of the parcours).
ETATS_DU_PRESCRIPTEUR = frozenset({E.ANNULEE})

# States in which a prescription still holds (or is about to hold) a place in the action.
ETATS_EN_COURS = (E.PROPOSEE, E.ACCEPTEE, E.ENTREE)

LIBELLES_ACTION = {
    E.ACCEPTEE: "Accepter",
    E.REFUSEE: "Refuser",
    E.ENTREE: "Marquer l'entrée",
    E.SORTIE: "Marquer la sortie",
    E.ABANDON: "Marquer l'abandon",
    E.ANNULEE: "Annuler",
}


def transitions_possibles(etat: str) -> list[str]:
    """The partner's next states in a stable, readable order (the order of EtatPrescription)."""
    permis = TRANSITIONS.get(etat, frozenset()) - ETATS_DU_PRESCRIPTEUR
    return [valeur for valeur in E.values if valeur in permis]


def personnes_entrees(action) -> int:
    return Prescription.objects.filter(action=action, etat=E.ENTREE).count()


def action_complete(action) -> bool:
    return personnes_entrees(action) >= action.places


def prescrire(
    parcours,
    action,
    par,
    *,
    date: datetime.date | None = None,
    motif_hors_capacite: str = "",
    message_au_partenaire: str = "",
) -> Prescription:
    """Send the person of `parcours` to `action`. Raises ValidationError (French) and writes nothing on refusal."""
    date = date or timezone.localdate()
    motif_hors_capacite = (motif_hors_capacite or "").strip()
    if not Parcours.objects.visible_par(par).filter(pk=parcours.pk).exists():
        raise ValidationError(
            "Vous ne pouvez pas prescrire pour cette personne : son parcours n'est pas dans votre périmètre."
        )
    if parcours.date_sortie is not None:
        raise ValidationError("Ce parcours est clos : aucune prescription n'est possible.")
    if not Action.objects.filter(pk=action.pk).ouvertes_le(date).exists():
        raise ValidationError(
            f"L'action « {action} » n'est pas ouverte le {date:%d/%m/%Y} : elle ne peut pas recevoir de prescription."
        )
    if Prescription.objects.filter(parcours=parcours, action=action, etat__in=ETATS_EN_COURS).exists():
        raise ValidationError("Une prescription vers cette action est déjà en cours pour cette personne.")
    with transaction.atomic():
        if action_complete(action) and not motif_hors_capacite:
            raise ValidationError(
                {
                    "motif_hors_capacite": (
                        "Cette action est complète : toutes ses places sont occupées. "
                        "Indiquez le motif de cette prescription pour la maintenir."
                    )
                }
            )
        prescription = Prescription.objects.create(
            parcours=parcours,
            action=action,
            prescripteur=par,
            etat=E.PROPOSEE,
            date_proposition=date,
            motif_hors_capacite=motif_hors_capacite[:250],
            message_au_partenaire=(message_au_partenaire or "").strip()[:1000],
        )
        TransitionPrescription.objects.create(
            prescription=prescription, etat_avant="", etat_apres=E.PROPOSEE, par=par, motif=motif_hors_capacite[:250]
        )
    return prescription


def changer_etat(
    prescription: Prescription,
    nouvel_etat: str,
    par,
    *,
    date: datetime.date | None = None,
    motif: str = "",
    type_sortie: str = "",
) -> Prescription:
    """Apply one transition of TRANSITIONS; date it; log it. ValidationError (French) and nothing written if refused."""
    date = date or timezone.localdate()
    motif = (motif or "").strip()
    with transaction.atomic():
        # Re-read under lock: two users acting on the same prescription must not both succeed.
        courante = Prescription.objects.select_for_update().get(pk=prescription.pk)
        if not Prescription.objects.visible_par(par).filter(pk=courante.pk).exists():
            raise ValidationError("Vous ne pouvez pas modifier cette prescription.")
        etat_avant = courante.etat
        if nouvel_etat not in E.values:
            raise ValidationError(f"État inconnu : « {nouvel_etat} ».")
        if nouvel_etat not in TRANSITIONS[etat_avant]:
            raise ValidationError(
                f"Une prescription « {E(etat_avant).label.lower()} » ne peut pas passer à l'état "
                f"« {E(nouvel_etat).label.lower()} »."
            )
        if nouvel_etat in ETATS_DU_PRESCRIPTEUR and par.est_partenaire:
            raise ValidationError("Seul le prescripteur peut annuler une prescription.")
        if nouvel_etat == E.REFUSEE and not motif:
            raise ValidationError({"motif": "Indiquez le motif du refus."})
        if nouvel_etat == E.ENTREE:
            if date < courante.date_proposition:
                raise ValidationError({"date": "L'entrée ne peut pas précéder la date de la proposition."})
            courante.date_entree = date
        if nouvel_etat == E.SORTIE:
            if type_sortie not in TypeSortie.values:
                raise ValidationError({"type_sortie": "Indiquez le motif de sortie."})
            courante.type_sortie = type_sortie
        if nouvel_etat in (E.SORTIE, E.ABANDON) and courante.date_entree is not None:
            if date < courante.date_entree:
                raise ValidationError({"date": "La sortie ne peut pas précéder la date d'entrée."})
            courante.date_sortie = date
        if motif:
            courante.motif = motif[:250]
        courante.etat = nouvel_etat
        courante.save()
        TransitionPrescription.objects.create(
            prescription=courante, etat_avant=etat_avant, etat_apres=nouvel_etat, par=par, motif=motif[:250]
        )
    # The caller's object reflects the new state too.
    for champ in ("etat", "date_entree", "date_sortie", "type_sortie", "motif"):
        setattr(prescription, champ, getattr(courante, champ))
    return prescription
