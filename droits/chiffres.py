"""Figures of the droits et devoirs, aggregated in the database, by MDD or territory (axe) over a period.

Each function answers {key: value} where key is the MDD or territory id (None for the whole département), one
query each. The indicator catalogue (evaluation/) reads these; their definitions:
- manquements: manquements whose constat falls in the period, by nature;
- dossiers_ep: files examined in sessions held in the period, by opinion;
- decisions: decisions taken in the period, by kind;
- suspensions: suspensions decided in the period, by rate and duration;
- remobilisation: suspensions ended in the period (lifted or term reached): how many, how many remobilised, the
  mean delay in days from the start of the suspension to the remobilisation;
- heures: hours planned at the activity plans of signed contracts, week by week in the period (before any
  reduction), and hours done (entries, plus the attended rendez-vous of people with a plan, at the scale's value).
The MDD is the parcours' current one (a transfer moves the person's past figures with them).
"""

import datetime

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from droits.models import ActivitePlan, Decision, DossierEP, HeuresRealisees, Manquement
from droits.regles import bareme_en_vigueur, lundi
from parcours.calendrier import debut_du_jour
from parcours.models import RendezVous

AXES = {"mdd": "mdd_id", "territoire": "mdd__territoire_id", None: None}


def _cle(prefixe: str, axe):
    if axe not in AXES:
        raise ValueError(f"Axe inconnu : {axe} (mdd, territoire ou aucun).")
    return f"{prefixe}{AXES[axe]}" if AXES[axe] else None


def _par(queryset, cle, champ_ventilation, **aggregats):
    """{(key, ventilation): aggregates} grouped in SQL."""
    colonnes = [c for c in (cle, champ_ventilation) if c]
    if not colonnes:
        return {(None, None): queryset.aggregate(**aggregats)}
    lignes = queryset.values(*colonnes).annotate(**aggregats).order_by(*colonnes)
    return {
        (ligne.get(cle) if cle else None, ligne.get(champ_ventilation) if champ_ventilation else None): {
            k: ligne[k] for k in aggregats
        }
        for ligne in lignes
    }


def manquements(debut, fin, axe=None) -> dict:
    qs = Manquement.objects.filter(date_constat__range=(debut, fin))
    return _par(qs, _cle("parcours__", axe), "nature", nombre=Count("pk"))


def dossiers_ep(debut, fin, axe=None) -> dict:
    qs = DossierEP.objects.filter(
        seance__date__gte=debut_du_jour(debut), seance__date__lt=debut_du_jour(fin) + datetime.timedelta(days=1)
    )
    return _par(qs, _cle("manquement__parcours__", axe), "avis", nombre=Count("pk"))


def decisions(debut, fin, axe=None) -> dict:
    qs = Decision.objects.filter(date_decision__range=(debut, fin))
    return _par(qs, _cle("manquement__parcours__", axe), "nature", nombre=Count("pk"))


def suspensions(debut, fin, axe=None) -> dict:
    """{(key, (rate, duration)): count}."""
    qs = Decision.objects.filter(date_decision__range=(debut, fin), nature="suspension")
    cle = _cle("manquement__parcours__", axe)
    colonnes = [c for c in (cle, "taux", "duree_mois") if c]
    lignes = qs.values(*colonnes).annotate(nombre=Count("pk")).order_by(*colonnes)
    return {
        (ligne.get(cle) if cle else None, (ligne["taux"], ligne["duree_mois"])): ligne["nombre"] for ligne in lignes
    }


def remobilisation(debut, fin, axe=None) -> dict:
    """Rate and mean delay; the rate is None (not 0) where no suspension ended."""
    qs = Decision.objects.filter(nature="suspension", date_cloture__range=(debut, fin))
    brut = _par(
        qs,
        _cle("manquement__parcours__", axe),
        None,
        terminees=Count("pk"),
        remobilisees=Count("pk", filter=Q(date_remobilisation__isnull=False)),
        delai=Sum(F("date_remobilisation") - F("date_debut"), filter=Q(date_remobilisation__isnull=False)),
    )
    resultat = {}
    for (cle, _), v in brut.items():
        delai = v["delai"].days / v["remobilisees"] if v["remobilisees"] and v["delai"] is not None else None
        resultat[cle] = {
            "terminees": v["terminees"],
            "remobilisees": v["remobilisees"],
            "taux": v["remobilisees"] / v["terminees"] if v["terminees"] else None,
            "delai_moyen_jours": delai,
        }
    return resultat


def _somme_equilibree(termes):
    """a + b + … as a balanced tree: 53 weeks nested to the left overflow SQLite's parser stack."""
    if len(termes) == 1:
        return termes[0]
    milieu = len(termes) // 2
    return _somme_equilibree(termes[:milieu]) + _somme_equilibree(termes[milieu:])


def _prevues(debut, fin, cle):
    """Planned hours summed week by week in SQL: one filtered sum per week of the period, in one query."""
    semaines, jour = [], lundi(debut)
    while jour <= fin:
        semaines.append(jour)
        jour += datetime.timedelta(days=7)
    zero = Value(0, output_field=DecimalField(max_digits=12, decimal_places=1))
    termes = [
        Coalesce(
            Sum("heures_hebdomadaires", filter=Q(date_debut__lt=s + datetime.timedelta(days=7), date_fin__gte=s)), zero
        )
        for s in semaines
    ]
    total = _somme_equilibree(termes) if termes else zero
    qs = ActivitePlan.objects.filter(
        contrat__etat__in=["signe", "echu", "resilie"], date_debut__lte=fin, date_fin__gte=debut
    )
    return {k[0]: v["prevues"] for k, v in _par(qs, cle and f"contrat__parcours__{cle}", None, prevues=total).items()}


def heures(debut, fin, axe=None) -> dict:
    """{key: {"prevues": h, "realisees": h}}: three queries and the scale."""
    cle = AXES[axe] if axe in AXES else _cle("", axe)
    prevues = _prevues(debut, fin, cle)
    saisies = _par(
        HeuresRealisees.objects.filter(semaine__range=(lundi(debut), fin)),
        cle and f"parcours__{cle}",
        None,
        total=Sum("heures"),
    )
    rdv = _par(
        RendezVous.objects.filter(
            Exists(ActivitePlan.objects.filter(contrat__parcours=OuterRef("parcours"))),
            presence="present",
            date__gte=debut_du_jour(debut),
            date__lt=debut_du_jour(fin) + datetime.timedelta(days=1),
        ),
        cle and f"parcours__{cle}",
        None,
        nombre=Count("pk"),
    )
    duree = bareme_en_vigueur(fin).duree_rendez_vous_heures
    cles = set(prevues) | {k[0] for k in saisies} | {k[0] for k in rdv}
    return {
        k: {
            "prevues": prevues.get(k) or 0,
            "realisees": (saisies.get((k, None), {}).get("total") or 0)
            + duree * rdv.get((k, None), {}).get("nombre", 0),
        }
        for k in cles
    }
