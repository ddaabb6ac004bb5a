"""What may be a manquement, found in the data: the référent decides whether to open one (never automatic:
L262-37 asks for the absence of a « motif légitime », which only a person can weigh).

Each finder takes the parcours the user sees and answers one query."""

from django.db.models import Exists, OuterRef

from droits.models import Manquement
from parcours.choices import EtatContrat, EtatPrescription, Presence
from parcours.models import ContratEngagement, Prescription, RendezVous


def absences_non_excusees(parcours_qs):
    """Unexcused absences at a rendez-vous that no manquement points to yet."""
    deja = Manquement.objects.filter(rendez_vous=OuterRef("pk"))
    return (
        RendezVous.objects.filter(parcours__in=parcours_qs.ouverts(), presence=Presence.ABSENT_NON_EXCUSE)
        .exclude(Exists(deja))
        .select_related("parcours__beneficiaire")
        .order_by("-date")
    )


def contrats_non_signes(parcours_qs, jour):
    """Draft contracts whose start has passed without a signature, on a parcours with no manquement for it."""
    deja = Manquement.objects.filter(parcours=OuterRef("parcours"), nature="contrat_non_signe").exclude(
        etat__in=["classe"]
    )
    return (
        ContratEngagement.objects.filter(
            parcours__in=parcours_qs.ouverts(), etat=EtatContrat.BROUILLON, date_debut__lt=jour
        )
        .exclude(Exists(deja))
        .select_related("parcours__beneficiaire")
        .order_by("date_debut")
    )


def actions_refusees(parcours_qs):
    """Prescriptions refused by the person that no manquement points to yet."""
    deja = Manquement.objects.filter(prescription=OuterRef("pk"))
    return (
        Prescription.objects.filter(parcours__in=parcours_qs.ouverts(), etat=EtatPrescription.REFUSEE)
        .exclude(Exists(deja))
        .select_related("parcours__beneficiaire", "action")
        .order_by("-date_proposition")
    )
