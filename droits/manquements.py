"""The manquement and its state machine, from the breach to the remobilisation or the lost amounts.

    ouvert → informé → (inscrit en EP) → sans sanction | réorientation | suspension → remobilisé | perdu
    ouvert or informé → classé sans suite

TRANSITIONS_MANQUEMENT is the table; appliquer_transition is the only function that changes a manquement's state,
and it writes a TransitionManquement row (who, when, from, to) in the caller's transaction.
Texts: L262-37 CASF (loi n° 2023-1196 du 18 décembre 2023), R262-68 and R262-68-1 (décret n° 2025-478 du
30 mai 2025).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from droits.choices import EtatManquement, FormeObservation, NatureManquement, OrigineManquement
from droits.models import Decision, Manquement, Observation, TransitionManquement
from droits.regles import bareme_en_vigueur, pas_dans_le_futur, texte_obligatoire
from parcours.calendrier import ajouter_mois
from parcours.regles import verifier_ouvert

E = EtatManquement
TRANSITIONS_MANQUEMENT = {
    E.OUVERT: {E.INFORME, E.CLASSE},
    E.INFORME: {E.EN_EP, E.SANS_SANCTION, E.REORIENTE, E.SUSPENDU, E.CLASSE},
    # A file taken off the agenda goes back to « informé ».
    E.EN_EP: {E.INFORME, E.SANS_SANCTION, E.REORIENTE, E.SUSPENDU},
    E.SUSPENDU: {E.REMOBILISE, E.PERDU},
    E.SANS_SANCTION: set(),
    E.REORIENTE: set(),
    E.REMOBILISE: set(),
    E.PERDU: set(),
    E.CLASSE: set(),
}
ETATS_FINAUX = {etat for etat, suivants in TRANSITIONS_MANQUEMENT.items() if not suivants}


def verifier_transition(manquement, cible) -> None:
    if cible not in TRANSITIONS_MANQUEMENT[E(manquement.etat)]:
        raise ValidationError(
            f"Un manquement à l'état « {manquement.get_etat_display().lower()} » ne peut pas passer à l'état "
            f"« {E(cible).label.lower()} »."
        )


def appliquer_transition(manquement, cible, *, par, champs=(), motif="") -> Manquement:
    """Move to `cible`, save with `champs` and log the move; the caller holds the transaction."""
    verifier_transition(manquement, cible)
    avant = manquement.etat
    manquement.etat = cible
    manquement.save(update_fields=["etat", *champs])
    TransitionManquement.objects.create(
        manquement=manquement, etat_avant=avant, etat_apres=cible, par=par, motif=motif[:250]
    )
    return manquement


def est_reiteration(parcours, date_constat, bareme) -> bool:
    """L262-37 II 2°: a breach within the delay after a suspension decided for this person is a repeated one."""
    depuis = ajouter_mois(date_constat, -bareme.delai_reiteration_mois)
    return Decision.objects.filter(
        manquement__parcours__beneficiaire_id=parcours.beneficiaire_id,
        nature="suspension",
        date_decision__gte=depuis,
        date_decision__lte=date_constat,
    ).exists()


@transaction.atomic
def ouvrir_manquement(
    parcours,
    *,
    nature,
    faits,
    date_constat,
    par,
    origine=OrigineManquement.REFERENT,
    rendez_vous=None,
    prescription=None,
) -> Manquement:
    verifier_ouvert(parcours)
    if nature not in NatureManquement.values:
        raise ValidationError({"nature": "Choisissez la nature du manquement."})
    faits = texte_obligatoire(faits, "faits", "Décrivez les faits reprochés : la personne en sera informée.")
    pas_dans_le_futur(date_constat, "date_constat", "La date du constat")
    if rendez_vous is not None and rendez_vous.parcours_id != parcours.pk:
        raise ValidationError("Ce rendez-vous n'est pas celui de cette personne.")
    bareme = bareme_en_vigueur(date_constat)
    manquement = Manquement.objects.create(
        parcours=parcours,
        nature=nature,
        origine=origine,
        faits=faits,
        date_constat=date_constat,
        bareme=bareme,
        reiteration=est_reiteration(parcours, date_constat, bareme),
        rendez_vous=rendez_vous,
        prescription=prescription,
        created_by=par,
    )
    TransitionManquement.objects.create(manquement=manquement, etat_avant="", etat_apres=E.OUVERT, par=par)
    return manquement


@transaction.atomic
def informer(manquement, *, date_information, par) -> Manquement:
    """The letter goes out (facts, possible decision, delay): the delay of L262-37 III runs from its date."""
    verifier_ouvert(manquement.parcours)
    pas_dans_le_futur(date_information, "date_information", "La date du courrier")
    if date_information < manquement.date_constat:
        raise ValidationError({"date_information": "Le courrier ne peut précéder le constat du manquement."})
    verifier_transition(manquement, E.INFORME)
    manquement.date_information = date_information
    manquement.date_limite_observations = date_information + datetime.timedelta(
        days=manquement.bareme.delai_observations_jours
    )
    return appliquer_transition(
        manquement,
        E.INFORME,
        par=par,
        champs=["date_information", "date_limite_observations"],
        motif="Courrier d'information envoyé",
    )


@transaction.atomic
def enregistrer_observation(manquement, *, forme, date, texte, par, assiste_par="") -> Observation:
    if manquement.etat not in (E.INFORME, E.EN_EP):
        raise ValidationError("Les observations se recueillent une fois la personne informée et avant la décision.")
    if forme not in FormeObservation.values:
        raise ValidationError({"forme": "Indiquez si les observations sont écrites ou orales."})
    pas_dans_le_futur(date, "date", "La date des observations")
    if date < manquement.date_information:
        raise ValidationError({"date": "Les observations ne peuvent précéder le courrier d'information."})
    texte = texte_obligatoire(texte, "texte", "Résumez les observations de la personne.")
    return Observation.objects.create(
        manquement=manquement,
        forme=forme,
        date=date,
        texte=texte,
        assiste_par=(assiste_par or "").strip()[:150],
        created_by=par,
    )


@transaction.atomic
def classer(manquement, *, motif, par) -> Manquement:
    motif = texte_obligatoire(motif, "motif", "Indiquez pourquoi le manquement est classé sans suite.")
    return appliquer_transition(manquement, E.CLASSE, par=par, motif=motif)
