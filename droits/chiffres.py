"""The counts behind the «Droits et devoirs» figures, as plain aggregate queries over a perimeter.

The indicator engine (evaluation.indicateurs.droits) is their only reader; their definitions are its fiches
(evaluation.indicateurs.fiches_droits). As for courriers.indicateurs, the engine passes the parcours in scope, whose
MDD and territory are those of the observation date (a transfer after the period does not move them), and, for a
breakdown, the key of each row; these functions only count. One query each.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from courriers.indicateurs import Cle, agreger, dans, entre
from droits.choices import AvisEP, NatureDecision, NatureManquement
from droits.models import ActivitePlan, Decision, DossierEP, HeuresRealisees, Manquement
from droits.regles import lundi
from pacte.models import BaremeDroitsDevoirs
from parcours.choices import EtatContrat, Presence
from parcours.models import RendezVous

DU_MANQUEMENT = "manquement__parcours"
CONTRATS_SIGNES = (EtatContrat.SIGNE, EtatContrat.ECHU, EtatContrat.RESILIE)
HEURES = DecimalField(max_digits=12, decimal_places=1)


def manquements(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Manquements whose constat falls in the period: how many, of how many people, by nature."""
    qs = dans(Manquement.objects.filter(date_constat__range=(debut, fin)), "parcours", parcours)
    return agreger(
        qs,
        "parcours",
        cle,
        nombre=Count("pk"),
        personnes=Count("parcours__beneficiaire", distinct=True),
        **{n.value: Count("pk", filter=Q(nature=n.value)) for n in NatureManquement},
    )


def dossiers_ep(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Files that received an opinion in an EP session held in the period, by opinion."""
    qs = dans(DossierEP.objects.filter(entre("seance__date", debut, fin)).exclude(avis=""), DU_MANQUEMENT, parcours)
    return agreger(
        qs, DU_MANQUEMENT, cle, nombre=Count("pk"), **{a.value: Count("pk", filter=Q(avis=a.value)) for a in AvisEP}
    )


def decisions(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Decisions dated in the period by kind; the suspensions among them by rate and duration."""
    qs = dans(Decision.objects.filter(date_decision__range=(debut, fin)), DU_MANQUEMENT, parcours)
    suspension = Q(nature=NatureDecision.SUSPENSION)
    return agreger(
        qs,
        DU_MANQUEMENT,
        cle,
        nombre=Count("pk"),
        **{n.value: Count("pk", filter=Q(nature=n.value)) for n in NatureDecision},
        taux_total=Sum("taux", filter=suspension),
        duree_totale=Sum("duree_mois", filter=suspension),
        taux_moins_de_50=Count("pk", filter=suspension & Q(taux__lt=50)),
        taux_50_a_99=Count("pk", filter=suspension & Q(taux__gte=50, taux__lt=100)),
        taux_100=Count("pk", filter=suspension & Q(taux=100)),
        un_mois=Count("pk", filter=suspension & Q(duree_mois=1)),
        deux_mois=Count("pk", filter=suspension & Q(duree_mois=2)),
        plus_de_deux_mois=Count("pk", filter=suspension & Q(duree_mois__gt=2)),
    )


def remobilisation(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Suspensions ended in the period (lifted, or term reached): how many, how many lifted by a remobilisation,
    and the summed days from the start of the suspension to its lifting (0 when re-engaged before it started)."""
    qs = dans(
        Decision.objects.filter(nature=NatureDecision.SUSPENSION, date_cloture__range=(debut, fin)),
        DU_MANQUEMENT,
        parcours,
    )
    remobilisee = Q(date_remobilisation__isnull=False)
    return agreger(
        qs,
        DU_MANQUEMENT,
        cle,
        terminees=Count("pk"),
        remobilisees=Count("pk", filter=remobilisee),
        delai=Sum(F("date_cloture") - F("date_debut"), filter=remobilisee),
    )


def semaines(debut, fin) -> list[datetime.date]:
    """The weeks of the period: those whose Monday falls in it (a week straddling two years is in one only)."""
    jour = lundi(debut)
    if jour < debut:
        jour += datetime.timedelta(days=7)
    liste = []
    while jour <= fin:
        liste.append(jour)
        jour += datetime.timedelta(days=7)
    return liste


def _somme_equilibree(termes):
    """a + b + … as a balanced tree: 53 weeks nested to the left overflow SQLite's parser stack."""
    if len(termes) == 1:
        return termes[0]
    milieu = len(termes) // 2
    return _somme_equilibree(termes[:milieu]) + _somme_equilibree(termes[milieu:])


def plans_signes():
    return ActivitePlan.objects.filter(contrat__etat__in=CONTRATS_SIGNES)


def heures_prevues(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Hours planned by the activity plans of signed contracts, summed week by week (one filtered sum per week)."""
    liste = semaines(debut, fin)
    zero = Value(Decimal(0), output_field=HEURES)
    if not liste:
        return {None: {"prevues": Decimal(0)}} if cle is None else {}
    termes = [
        Coalesce(
            Sum("heures_hebdomadaires", filter=Q(date_debut__lt=s + datetime.timedelta(days=7), date_fin__gte=s)), zero
        )
        for s in liste
    ]
    qs = dans(
        plans_signes().filter(date_debut__lte=liste[-1] + datetime.timedelta(days=6), date_fin__gte=liste[0]),
        "contrat__parcours",
        parcours,
    )
    return agreger(qs, "contrat__parcours", cle, prevues=_somme_equilibree(termes))


def heures_realisees(debut, fin, parcours=None, cle: Cle = None) -> dict:
    """Hours entered for the weeks of the period, and the rendez-vous attended in those weeks by people with a plan
    (two queries); {key: {"saisies": h, "rendez_vous": n}}."""
    liste = semaines(debut, fin)
    if not liste:
        return {None: {"saisies": Decimal(0), "rendez_vous": 0}} if cle is None else {}
    saisies = agreger(
        dans(HeuresRealisees.objects.filter(semaine__range=(liste[0], liste[-1])), "parcours", parcours),
        "parcours",
        cle,
        saisies=Sum("heures"),
    )
    fin_des_semaines = liste[-1] + datetime.timedelta(days=6)
    avec_plan = Exists(
        plans_signes().filter(
            contrat__parcours=OuterRef("parcours"), date_debut__lte=fin_des_semaines, date_fin__gte=liste[0]
        )
    )
    rdv = agreger(
        dans(
            RendezVous.objects.filter(avec_plan, entre("date", liste[0], fin_des_semaines), presence=Presence.PRESENT),
            "parcours",
            parcours,
        ),
        "parcours",
        cle,
        rendez_vous=Count("pk"),
    )
    cles = set(saisies) | set(rdv)
    return {
        k: {
            "saisies": (saisies.get(k) or {}).get("saisies") or Decimal(0),
            "rendez_vous": (rdv.get(k) or {}).get("rendez_vous") or 0,
        }
        for k in cles
    }


def heures_par_rendez_vous(fin) -> Decimal | None:
    """The hours an attended rendez-vous counts for, from the scale in force at the end of the period (None
    without one)."""
    bareme = BaremeDroitsDevoirs.objects.en_vigueur_le(fin)
    return bareme.duree_rendez_vous_heures if bareme else None
