"""The engine: every indicator of the catalogue for a period and filters, as database aggregations.

Each figure follows its fiche (evaluation.indicateurs.catalogue); its label and unit are read from there. The
observation date of stocks and of the MDD, territory and référent of a parcours is the last day of the period.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q

from evaluation.indicateurs.actions import indicateurs_actions
from evaluation.indicateurs.base import (
    DELAI_FREIN_A_L_ENTREE,
    Filtres,
    Indicateur,
    agreger_delais,
    delai,
    moyenne,
    pourcentage,
    total_en_jours,
)
from evaluation.indicateurs.catalogue import fiche
from evaluation.indicateurs.courriers import indicateurs_courriers
from evaluation.indicateurs.droits import indicateurs_droits
from evaluation.indicateurs.perimetres import (
    avec_referent_le,
    des_parcours,
    ouvert_le,
    parcours_du_perimetre,
    referent_inchange_depuis,
)
from pacte.choices import TypeSortie
from pacte.referentiel import delai_orientation_jours
from parcours.calendrier import debut_du_jour
from parcours.choices import CategorieFrein, EtatContrat, Presence, TypeOrientation
from parcours.models import ContratEngagement, Frein, Orientation, RendezVous, Sortie

PERSONNES = "beneficiaire"


class Collecteur:
    """Gathers the figures; the label, unit and group of each come from its fiche (KeyError without one)."""

    def __init__(self):
        self.indicateurs: dict[str, Indicateur] = {}
        self.parcours: dict = {}

    def ajouter(self, code, valeur, alerte=""):
        f = fiche(code)
        self.indicateurs[code] = Indicateur(
            code=code, libelle=f.libelle, valeur=valeur, unite=f.unite, groupe=f.groupe, alerte=alerte
        )


def calculer_indicateurs(
    debut: datetime.date, fin: datetime.date, filtres: Filtres | None = None
) -> dict[str, Indicateur]:
    if debut > fin:
        raise ValueError("Le début de la période doit précéder sa fin.")
    filtres = filtres or Filtres()
    c = Collecteur()
    parcours = parcours_du_perimetre(filtres, fin)
    _stock_et_flux(c, parcours, debut, fin)
    _orientation(c, parcours, debut, fin)
    _accompagnement(c, parcours, debut, fin)
    indicateurs_actions(c, filtres, debut, fin)
    _freins(c, parcours, debut, fin)
    indicateurs_courriers(c, parcours, debut, fin)
    indicateurs_droits(c, parcours, debut, fin)
    return c.indicateurs


def _personnes(filtre: Q) -> Count:
    return Count(PERSONNES, distinct=True, filter=filtre)


def _stock_et_flux(c, parcours, debut, fin):
    # One pass over the parcours for every count on them (stock, flows, and the shares of the open
    # parcours used by the orientation and accompagnement groups). People, not parcours: distinct persons.
    ouvert = ouvert_le(fin)
    # The référent on the last day: today's, unless it changed since (then rebuilt from the history).
    referent_le = (Q(referent__isnull=False) & referent_inchange_depuis(fin)) | avec_referent_le(fin)
    chiffres = parcours.aggregate(
        stock=_personnes(ouvert),
        entrees=_personnes(Q(date_entree__range=(debut, fin))),
        sorties=_personnes(Q(date_sortie__range=(debut, fin))),
        referent=_personnes(ouvert & referent_le),
        orientes=_personnes(ouvert & Q(date_premiere_orientation__lte=fin)),
    )
    c.parcours = chiffres
    c.ajouter("stock_parcours_ouverts", chiffres["stock"])
    c.ajouter("entrees", chiffres["entrees"])
    c.ajouter("sorties", chiffres["sorties"])
    par_type = des_parcours(Sortie.objects.filter(date__range=(debut, fin)), parcours).aggregate(
        **{t.value: Count("parcours__beneficiaire", distinct=True, filter=Q(type=t.value)) for t in TypeSortie}
    )
    for t in TypeSortie:
        c.ajouter(f"sorties_dispositif_{t.value}", par_type[t.value])


def _orientation(c, parcours, debut, fin):
    c.ajouter("part_orientes", pourcentage(c.parcours["orientes"], c.parcours["stock"]))
    premieres = premieres_orientations(parcours, debut, fin)
    chiffres, mediane = agreger_delais(
        premieres, sous_30=Count("pk", filter=Q(delai__lte=datetime.timedelta(days=delai_orientation_jours())))
    )
    nombre = chiffres["nombre"]
    c.ajouter("delai_orientation_moyen", moyenne(total_en_jours(chiffres), nombre))
    c.ajouter("delai_orientation_median", mediane)
    c.ajouter("part_orientes_30_jours", pourcentage(chiffres["sous_30"], nombre))

    # Decisions, not parcours: the open-data export counts the same rows (evaluation.exports).
    decisions = des_parcours(Orientation.objects.filter(date_decision__range=(debut, fin)), parcours)
    anterieure = Orientation.objects.filter(parcours=OuterRef("parcours")).filter(
        Q(date_decision__lt=OuterRef("date_decision"))
        | Q(date_decision=OuterRef("date_decision"), pk__lt=OuterRef("pk"))
    )
    par_type = decisions.aggregate(
        **{t.value: Count("pk", filter=Q(type=t.value)) for t in TypeOrientation},
        reorientations=Count("pk", filter=Q(Exists(anterieure))),
    )
    for t in TypeOrientation:
        c.ajouter(f"orientations_{t.value}", par_type[t.value])
    c.ajouter("reorientations", par_type["reorientations"])


def premieres_orientations(parcours, debut, fin):
    """Parcours whose first orientation falls in the period, with the delay since the ouverture de droit.

    The first orientation's date is a fact kept on the parcours (parcours.faits): an index range, not a
    GROUP BY over the orientations.
    """
    return (
        parcours.order_by()
        .filter(date_premiere_orientation__range=(debut, fin))
        .annotate(delai=delai("date_premiere_orientation", "date_ouverture_droit"))
    )


def _accompagnement(c, parcours, debut, fin):
    # Contracts in force at the end, counted from the contracts' side (few rows) rather than one
    # EXISTS probe per open parcours. A brouillon is not in force, even with a signature date.
    en_vigueur = des_parcours(
        ContratEngagement.objects.filter(
            Q(date_resiliation__isnull=True) | Q(date_resiliation__gt=fin),
            ouvert_le(fin, "parcours__"),
            date_signature__lte=fin,
            date_debut__lte=fin,
            date_fin__gte=fin,
        ).exclude(etat=EtatContrat.BROUILLON),
        parcours,
    )
    contrat = en_vigueur.aggregate(n=Count("parcours__beneficiaire", distinct=True))["n"]
    c.ajouter("part_referent_unique", pourcentage(c.parcours["referent"], c.parcours["stock"]))
    c.ajouter("part_contrat_en_vigueur", pourcentage(contrat, c.parcours["stock"]))

    # First contract and first orientation: facts kept on the parcours (parcours.faits), read through
    # the index on the first contract's date.
    contrats = (
        parcours.order_by()
        .filter(
            date_premier_contrat__range=(debut, fin),
            date_premiere_orientation__lte=F("date_premier_contrat"),
        )
        .annotate(delai=delai("date_premier_contrat", "date_premiere_orientation"))
    )
    chiffres, mediane = agreger_delais(contrats)
    c.ajouter("delai_contrat_moyen", moyenne(total_en_jours(chiffres), chiffres["nombre"]))
    c.ajouter("delai_contrat_median", mediane)

    # A datetime range in the local time zone (not date__date, which SQLite evaluates row by row).
    rdv = des_parcours(
        RendezVous.objects.filter(
            date__gte=debut_du_jour(debut),
            date__lt=debut_du_jour(fin + datetime.timedelta(days=1)),
        ),
        parcours,
    ).aggregate(
        tenus=Count("pk", filter=~Q(presence=Presence.PREVU)),
        presents=Count("pk", filter=Q(presence=Presence.PRESENT)),
    )
    c.ajouter("taux_presence_rdv", pourcentage(rdv["presents"], rdv["tenus"]))


def _freins(c, parcours, debut, fin):
    # Entrants = the «entrees» of the period (same definition); their freins at entry in one pass over
    # freins ⋈ parcours, counting distinct people per category. A frein lifted before the entry is not one.
    a_l_entree = des_parcours(Frein.objects.filter(parcours__date_entree__range=(debut, fin)), parcours).filter(
        Q(date_levee__isnull=True) | Q(date_levee__gte=F("parcours__date_entree")),
        date_identification__lte=F("parcours__date_entree") + datetime.timedelta(days=DELAI_FREIN_A_L_ENTREE),
    )
    personne = "parcours__beneficiaire"
    chiffres = a_l_entree.aggregate(
        avec_frein=Count(personne, distinct=True),
        **{cat.value: Count(personne, distinct=True, filter=Q(categorie=cat.value)) for cat in CategorieFrein},
    )
    entrants = c.indicateurs["entrees"].valeur
    c.ajouter("prevalence_freins_entree", pourcentage(chiffres["avec_frein"], entrants))
    for cat in CategorieFrein:
        c.ajouter(f"frein_entree_{cat.value}", pourcentage(chiffres[cat.value], entrants))
    actifs = des_parcours(Frein.objects.filter(date_identification__lte=fin), parcours).filter(
        Q(date_levee__isnull=True) | Q(date_levee__gte=debut)
    )
    leves = actifs.aggregate(total=Count("pk"), leves=Count("pk", filter=Q(date_levee__range=(debut, fin))))
    c.ajouter("part_freins_leves", pourcentage(leves["leves"], leves["total"]))
