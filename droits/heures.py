"""The 15 hours: the plan of a contrat d'engagement, the hours done, their reduction or exemption, and the alert.

L262-34 CASF and L5411-6 of the code du travail (loi n° 2023-1196 du 18 décembre 2023): at least 15 hours of
activity a week, adapted (reduced, or waived) for health, disability, childcare or a particular situation. The
target and the alert thresholds come from the scale of the référentiel; the hours done are what counts: the
référent's entries, the partners' reported attendance (entered as such, source « partenaire »: no partner sends
per-person attendance today) and the attended rendez-vous, each worth the référentiel's duree_rendez_vous_heures.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, FloatField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Least, TruncWeek

from droits.choices import MotifAmenagement, NatureActivite, SourceHeures
from droits.models import ActivitePlan, AmenagementHeures, HeuresRealisees
from droits.regles import bareme_en_vigueur, lundi, pas_dans_le_futur, texte_obligatoire
from parcours.calendrier import debut_du_jour
from parcours.choices import EtatContrat, Presence
from parcours.models import ContratEngagement, RendezVous
from parcours.regles import verifier_ouvert

SEMAINE = datetime.timedelta(days=7)


def _heures(valeur, champ, maximum) -> Decimal:
    try:
        heures = Decimal(str(valeur))
    except ArithmeticError:
        heures = None
    if heures is None or not heures.is_finite() or heures <= 0 or heures > maximum:
        raise ValidationError({champ: f"Indiquez un nombre d'heures de plus de 0 à {maximum}."})
    return heures


def _dans_le_contrat(contrat, date_debut, date_fin):
    if contrat.etat not in (EtatContrat.BROUILLON, EtatContrat.SIGNE):
        raise ValidationError("Ce contrat n'est plus en cours : son plan ne change plus.")
    if date_debut is None or date_fin is None or date_fin < date_debut:
        raise ValidationError({"date_fin": "La fin ne peut précéder le début."})
    if date_debut < contrat.date_debut or date_fin > contrat.date_fin:
        periode = f"{contrat.date_debut:%d/%m/%Y} au {contrat.date_fin:%d/%m/%Y}"
        raise ValidationError({"date_debut": f"Les dates restent dans celles du contrat ({periode})."})


@transaction.atomic
def ajouter_activite(contrat, *, nature, libelle, heures_hebdomadaires, date_debut, date_fin, par, prescription=None):
    verifier_ouvert(contrat.parcours)
    if nature not in NatureActivite.values:
        raise ValidationError({"nature": "Choisissez la nature de l'activité."})
    libelle = texte_obligatoire(libelle, "libelle", "Donnez l'intitulé de l'activité.")
    heures = _heures(heures_hebdomadaires, "heures_hebdomadaires", 35)
    _dans_le_contrat(contrat, date_debut, date_fin)
    return ActivitePlan.objects.create(
        contrat=contrat,
        nature=nature,
        libelle=libelle[:200],
        heures_hebdomadaires=heures,
        date_debut=date_debut,
        date_fin=date_fin,
        prescription=prescription,
        created_by=par,
    )


@transaction.atomic
def enregistrer_heures(parcours, *, semaine, heures, par, source=SourceHeures.REFERENT, activite=None, commentaire=""):
    verifier_ouvert(parcours)
    pas_dans_le_futur(semaine, "semaine", "La semaine")
    if source not in SourceHeures.values:
        raise ValidationError({"source": "Indiquez qui déclare ces heures."})
    if activite is not None and activite.contrat.parcours_id != parcours.pk:
        raise ValidationError({"activite": "Cette activité n'est pas au plan de cette personne."})
    return HeuresRealisees.objects.create(
        parcours=parcours,
        semaine=lundi(semaine),
        heures=_heures(heures, "heures", 60),
        source=source,
        activite=activite,
        commentaire=(commentaire or "").strip()[:250],
        created_by=par,
    )


@transaction.atomic
def amenager_heures(contrat, *, motif, heures_hebdomadaires, date_debut, date_fin, justification, par):
    """Reduce (or, at 0, waive) the weekly hours for a reason the law names; no medical detail is written."""
    verifier_ouvert(contrat.parcours)
    if motif not in MotifAmenagement.values:
        raise ValidationError({"motif": "Choisissez le motif de l'aménagement."})
    try:
        heures = Decimal(str(heures_hebdomadaires))
    except ArithmeticError:
        heures = Decimal(-1)
    if not heures.is_finite() or heures < 0 or heures >= contrat.heures_hebdomadaires:
        raise ValidationError(
            {"heures_hebdomadaires": f"Un aménagement va de 0 (dispense) à moins de {contrat.heures_hebdomadaires} h."}
        )
    justification = texte_obligatoire(justification, "justification", "Justifiez l'aménagement (sans détail médical).")
    _dans_le_contrat(contrat, date_debut, date_fin)
    return AmenagementHeures.objects.create(
        contrat=contrat,
        motif=motif,
        heures_hebdomadaires=heures,
        date_debut=date_debut,
        date_fin=date_fin,
        justification=justification[:250],
        created_by=par,
    )


@dataclass
class Semaine:
    lundi: datetime.date
    prevues: Decimal
    realisees: Decimal
    amenagement: str = ""

    @property
    def ecart(self) -> Decimal:
        return self.realisees - self.prevues


def _realisees_par_semaine(parcours, debut, fin, duree_rdv) -> dict:
    """{Monday: hours done}, summed in the database: entries by week, attended rendez-vous by week."""
    saisies = (
        HeuresRealisees.objects.filter(parcours=parcours, semaine__gte=debut, semaine__lt=fin)
        .values("semaine")
        .annotate(total=Sum("heures"))
    )
    rdv = (
        RendezVous.objects.filter(
            parcours=parcours, presence=Presence.PRESENT, date__gte=debut_du_jour(debut), date__lt=debut_du_jour(fin)
        )
        .annotate(semaine=TruncWeek("date"))
        .values("semaine")
        .annotate(nombre=Count("pk"))
    )
    totaux = {ligne["semaine"]: Decimal(ligne["total"]) for ligne in saisies}
    for ligne in rdv:
        jour = ligne["semaine"].date() if isinstance(ligne["semaine"], datetime.datetime) else ligne["semaine"]
        totaux[jour] = totaux.get(jour, Decimal(0)) + duree_rdv * ligne["nombre"]
    return totaux


def heures_par_semaine(parcours, debut: datetime.date, fin: datetime.date) -> list[Semaine]:
    """Planned vs done for each week from `debut` to `fin`: six queries whatever the number of weeks."""
    debut, fin = lundi(debut), lundi(fin) + SEMAINE
    contrats = list(
        ContratEngagement.objects.filter(parcours=parcours, etat__in=["signe", "echu", "resilie"], date_debut__lt=fin)
        .filter(date_fin__gte=debut)
        .prefetch_related("activites", "amenagements")
    )
    duree_rdv = bareme_en_vigueur(debut).duree_rendez_vous_heures if contrats else Decimal(0)
    realisees = _realisees_par_semaine(parcours, debut, fin, duree_rdv)
    semaines, jour = [], debut
    while jour < fin:
        fin_semaine = jour + SEMAINE
        prevues, amenagement = Decimal(0), ""
        for contrat in contrats:
            prevues += sum(
                (
                    a.heures_hebdomadaires
                    for a in contrat.activites.all()
                    if a.date_debut < fin_semaine and a.date_fin >= jour
                ),
                Decimal(0),
            )
            for a in contrat.amenagements.all():
                if a.date_debut < fin_semaine and a.date_fin >= jour:
                    prevues, amenagement = min(prevues, a.heures_hebdomadaires), str(a)
        semaines.append(Semaine(jour, prevues, realisees.get(jour, Decimal(0)), amenagement))
        jour = fin_semaine
    return semaines


def _prevu_semaine(lundi_):
    fin = lundi_ + SEMAINE
    plan = (
        ActivitePlan.objects.filter(contrat=OuterRef("contrat_courant"), date_debut__lt=fin, date_fin__gte=lundi_)
        .values("contrat")
        .annotate(s=Sum("heures_hebdomadaires"))
        .values("s")
    )
    amenagement = (
        AmenagementHeures.objects.filter(contrat=OuterRef("contrat_courant"), date_debut__lt=fin, date_fin__gte=lundi_)
        .order_by("heures_hebdomadaires")
        .values("heures_hebdomadaires")[:1]
    )
    return Least(
        Coalesce(Cast(Subquery(plan), FloatField()), Value(0.0)),
        Coalesce(Cast(Subquery(amenagement), FloatField()), Value(1000.0)),
    )


def _fait_semaine(lundi_, duree_rdv):
    saisies = (
        HeuresRealisees.objects.filter(parcours=OuterRef("pk"), semaine=lundi_)
        .values("parcours")
        .annotate(s=Sum("heures"))
        .values("s")
    )
    rdv = (
        RendezVous.objects.filter(
            parcours=OuterRef("pk"),
            presence=Presence.PRESENT,
            date__gte=debut_du_jour(lundi_),
            date__lt=debut_du_jour(lundi_ + SEMAINE),
        )
        .values("parcours")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Cast(Subquery(saisies), FloatField()), Value(0.0)) + Coalesce(
        Cast(Subquery(rdv), FloatField()), Value(0.0)
    ) * Value(float(duree_rdv))


def en_dessous_du_plan(parcours_qs, jour: datetime.date):
    """The open parcours whose hours done stayed under the threshold of their plan for each of the last complete
    weeks (alerte_semaines, alerte_seuil_pourcentage of the scale): one query, the weeks as annotations."""
    bareme = bareme_en_vigueur(jour)
    lundis = [lundi(jour) - SEMAINE * (i + 1) for i in range(bareme.alerte_semaines)]
    seuil = bareme.alerte_seuil_pourcentage / 100
    annotations, conditions = {}, Q()
    for i, lundi_ in enumerate(lundis):
        annotations[f"prevu_{i}"] = _prevu_semaine(lundi_)
        annotations[f"fait_{i}"] = _fait_semaine(lundi_, bareme.duree_rendez_vous_heures)
        conditions &= Q(**{f"prevu_{i}__gt": 0}) & Q(**{f"fait_{i}__lt": F(f"prevu_{i}") * seuil})
    return (
        parcours_qs.ouverts()
        .filter(contrat_courant__etat=EtatContrat.SIGNE)
        .annotate(**annotations)
        .filter(conditions)
        .select_related("beneficiaire", "mdd")
    )
