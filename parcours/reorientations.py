"""The réorientation circuit, a state machine: the référent asks (with a motif), a chargé d'orientation or the
responsable de MDD decides (accepts, which records the new orientation, or refuses, with a motif), and the référent
is told on their home page. Both steps are on the parcours timeline.

TRANSITIONS is the table; `appliquer` is the only function that changes a request's state, and it writes a
TransitionDemandeReorientation row (who, when, from, to, motif) in the caller's transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from parcours import avis, orientations
from parcours.calendrier import aujourdhui
from parcours.models import DemandeReorientation, EtatDemande, TransitionDemandeReorientation
from parcours.regles import pas_avant_entree, pas_dans_le_futur, verifier_ouvert

E = EtatDemande

TRANSITIONS = {
    E.EN_ATTENTE: frozenset({E.ACCEPTEE, E.REFUSEE}),
    E.ACCEPTEE: frozenset(),
    E.REFUSEE: frozenset(),
}


def appliquer(demande, cible, *, par, motif="", champs=()) -> DemandeReorientation:
    """Move the request to `cible`, save it with `champs` and log the move; the caller holds the transaction."""
    if cible not in TRANSITIONS[E(demande.etat)]:
        raise ValidationError(
            f"Une demande « {demande.get_etat_display().lower()} » ne peut pas passer à l'état "
            f"« {E(cible).label.lower()} »."
        )
    avant = demande.etat
    demande.etat = cible
    demande.save(update_fields=["etat", *champs])
    TransitionDemandeReorientation.objects.create(
        demande=demande, etat_avant=avant, etat_apres=cible, par=par, motif=motif
    )
    return demande


@transaction.atomic
def demander(parcours, *, par, type_souhaite, organisme_souhaite, motif, date=None) -> DemandeReorientation:
    date = date or aujourdhui()
    verifier_ouvert(parcours)
    if parcours.orientation_courante_id is None:
        raise ValidationError("Ce parcours n'est pas encore orienté : c'est une orientation qu'il attend.")
    pas_dans_le_futur(date, "date_demande", "La date de la demande")
    pas_avant_entree(parcours, date, "date_demande", "La date de la demande")
    if not (motif or "").strip():
        raise ValidationError({"motif": "Indiquez le motif de la demande de réorientation."})
    if organisme_souhaite not in orientations.ORGANISMES_PAR_TYPE.get(type_souhaite, ()):
        raise ValidationError({"organisme_souhaite": "Cet organisme ne peut pas suivre l'orientation demandée."})
    if DemandeReorientation.objects.filter(parcours=parcours).en_attente().exists():
        raise ValidationError("Une demande de réorientation est déjà en attente pour ce parcours.")
    demande = DemandeReorientation.objects.create(
        parcours=parcours,
        demandee_par=par,
        date_demande=date,
        type_souhaite=type_souhaite,
        organisme_souhaite=organisme_souhaite,
        motif=motif.strip(),
    )
    TransitionDemandeReorientation.objects.create(demande=demande, etat_apres=E.EN_ATTENTE, par=par, motif=motif)
    return demande


@transaction.atomic
def decider(demande, *, par, accepter, motif_decision="", date=None, type=None, organisme_referent=None):
    """Accept (the new orientation is recorded, as asked unless the decider chose otherwise) or refuse (a motif is
    required); the person who asked gets a notice."""
    date = date or aujourdhui()
    demande = DemandeReorientation.objects.select_for_update().select_related("parcours").get(pk=demande.pk)
    if not DemandeReorientation.objects.a_decider_par(par).filter(pk=demande.pk).exists():
        raise ValidationError("Vous ne pouvez pas décider de cette demande.")
    motif_decision = (motif_decision or "").strip()
    if date < demande.date_demande:
        raise ValidationError({"date": "La décision ne peut pas précéder la demande."})
    demande.decidee_par, demande.date_decision, demande.motif_decision = par, date, motif_decision
    champs = ["decidee_par", "date_decision", "motif_decision"]
    if accepter:
        demande.orientation = orientations.orienter(
            demande.parcours,
            type=type or demande.type_souhaite,
            organisme_referent=organisme_referent or demande.organisme_souhaite,
            date_decision=date,
            par=par,
            motif=f"Demande du {demande.date_demande:%d/%m/%Y} : {demande.motif}",
        )
        appliquer(demande, E.ACCEPTEE, par=par, motif=motif_decision, champs=[*champs, "orientation"])
    else:
        if not motif_decision:
            raise ValidationError({"motif_decision": "Indiquez le motif du refus."})
        appliquer(demande, E.REFUSEE, par=par, motif=motif_decision, champs=champs)
    _aviser(demande)
    return demande


def _aviser(demande):
    parcours = demande.parcours
    decision = "acceptée" if demande.etat == E.ACCEPTEE else "refusée"
    texte = f"Votre demande de réorientation pour {parcours.beneficiaire} est {decision}"
    if demande.motif_decision:
        texte += f" : {demande.motif_decision}"
    avis.aviser([demande.demandee_par], texte + ".", lien=reverse("parcours:fiche", args=[parcours.pk]))
