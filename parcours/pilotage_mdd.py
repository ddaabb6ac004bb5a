"""What the responsable de MDD follows in their MDD: the caseload of each référent, the people without référent,
without contract, without rendez-vous for three months. Counted in the database, one query per figure set.

Which MDD a manager may open is `mdds_pilotees(user)`; any other answers 404 in the views."""

from django.db.models import Count, Q

from pacte.models import MDD, User
from pacte.models.utilisateurs import ROLES_MDD
from parcours.calendrier import aujourdhui
from parcours.choices import EtatContrat
from parcours.filters import Alerte, condition_alerte
from parcours.models import Parcours


def mdds_pilotees(user):
    return MDD.objects.filter(pk__in=user.mdds.values("pk")).order_by("nom")


def _en_cours(jour):
    return Q(contrat_courant__etat=EtatContrat.SIGNE, contrat_courant__date_fin__gte=jour)


def chiffres_de_suivi(mdd, jour=None) -> dict:
    """The open parcours of the MDD: with no référent, no contract in force, no rendez-vous attended for 3 months."""
    jour = jour or aujourdhui()
    return (
        Parcours.objects.filter(mdd=mdd)
        .ouverts()
        .aggregate(
            ouverts=Count("pk"),
            sans_referent=Count("pk", filter=Q(referent__isnull=True)),
            sans_contrat=Count("pk", filter=Q(contrat_courant__isnull=True)),
            sans_rdv=Count("pk", filter=condition_alerte(Alerte.SANS_RDV, jour)),
        )
    )


def charge_par_referent(mdd, jour=None) -> list[dict]:
    """Each référent of the MDD (agents attached to it, and anyone following one of its parcours) with their open
    parcours, those with a contract in force and those without rendez-vous for 3 months; busiest first."""
    jour = jour or aujourdhui()
    ouverts = Q(parcours_suivis__mdd=mdd, parcours_suivis__date_sortie__isnull=True)
    lignes = (
        User.objects.filter(Q(role__in=ROLES_MDD, mdds=mdd, is_active=True) | ouverts)
        .distinct()
        .annotate(
            suivis=Count("parcours_suivis", filter=ouverts, distinct=True),
            contrats=Count(
                "parcours_suivis",
                filter=ouverts
                & Q(
                    parcours_suivis__contrat_courant__etat=EtatContrat.SIGNE,
                    parcours_suivis__contrat_courant__date_fin__gte=jour,
                ),
                distinct=True,
            ),
        )
        .order_by("-suivis", "last_name", "first_name")
        .values("pk", "first_name", "last_name", "email", "suivis", "contrats")
    )
    return [{**ligne, "nom": User.libelle(ligne["first_name"], ligne["last_name"], ligne["email"])} for ligne in lignes]
