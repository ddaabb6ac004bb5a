"""Figures of the actions, computed in SQL: one annotated queryset for a whole list of actions.

Every figure is a correlated subquery (never a join that multiplies rows), so the annotations can be
combined freely and a list page costs the same number of queries whatever its length.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from pacte.models import Site
from parcours.choices import EtatPrescription
from parcours.models import Prescription
from partenaires.models import Action, ObjectifAction, ResultatAction, Versement
from partenaires.models.actions import SORTIE_FIELDS, Indicateur

SEUIL_OCCUPATION = 50  # %: below, the action is flagged to its référent thématique
JOURS_AVANT_FIN = 60

INDICATEURS_RESULTATS = {
    Indicateur.PARTICIPANTS: "participants",
    Indicateur.HEURES: "heures",
    Indicateur.SORTIES_EMPLOI_DURABLE: "sorties_emploi_durable",
    Indicateur.SORTIES_EMPLOI_TRANSITION: "sorties_emploi_transition",
    Indicateur.SORTIES_IAE: "sorties_iae",
    Indicateur.SORTIES_FORMATION: "sorties_formation",
    Indicateur.SORTIES_CREATION_ENTREPRISE: "sorties_creation_entreprise",
}


def _compte(queryset) -> Coalesce:
    """COUNT of a queryset correlated on OuterRef, as an integer subquery (0 when empty)."""
    sub = queryset.order_by().annotate(_un=Value(1)).values("_un").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def _somme(queryset, champ, output_field) -> Coalesce:
    groupe = queryset.order_by().annotate(_un=Value(1)).values("_un")
    sub = groupe.annotate(s=Sum(champ)).values("s")
    zero = Value(Decimal("0"), output_field=output_field) if isinstance(output_field, DecimalField) else 0
    return Coalesce(Subquery(sub, output_field=output_field), zero)


def derniere_periode_close(aujourdhui: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last half-year already finished on `aujourdhui` (results are entered per half-year)."""
    if aujourdhui.month >= 7:
        return datetime.date(aujourdhui.year, 1, 1), datetime.date(aujourdhui.year, 6, 30)
    return datetime.date(aujourdhui.year - 1, 7, 1), datetime.date(aujourdhui.year - 1, 12, 31)


# The prescription counts a list of actions shows (occupancy, waiting prescriptions) and its alerts need.
ETATS_DE_LA_LISTE = (EtatPrescription.ENTREE, EtatPrescription.PROPOSEE, EtatPrescription.ACCEPTEE)


def _annotations_detail(prescriptions, resultats) -> dict:
    """What only the action page shows: all prescriptions, targets and results by indicator, exits."""
    annotations = {"nb_prescriptions": _compte(prescriptions)}
    for indicateur, champ in INDICATEURS_RESULTATS.items():
        annotations[f"realise_{indicateur}"] = _somme(resultats, champ, IntegerField())
        annotations[f"cible_{indicateur}"] = Subquery(
            ObjectifAction.objects.filter(action=OuterRef("pk"), indicateur=indicateur).values("valeur_cible")[:1]
        )
    total_sorties = F(next(iter(SORTIE_FIELDS.values())))
    for champ in list(SORTIE_FIELDS.values())[1:]:
        total_sorties = total_sorties + F(champ)
    annotations["realise_sorties"] = _somme(resultats.annotate(_total=total_sorties), "_total", IntegerField())
    # People whose entry a prescription records, once each: what the declared results are reconciled with.
    entrees = prescriptions.filter(date_entree__isnull=False).order_by().annotate(_un=Value(1)).values("_un")
    annotations["personnes_entrees"] = Coalesce(
        Subquery(entrees.annotate(n=Count("parcours__beneficiaire", distinct=True)).values("n"), IntegerField()), 0
    )
    annotations["sorties_enregistrees"] = _compte(
        prescriptions.filter(date_sortie__isnull=False).exclude(type_sortie="")
    )
    return annotations


def avec_chiffres(queryset, aujourdhui: datetime.date, *, detail: bool = True):
    """Annotate actions with occupancy, prescriptions by state, budget, results so far and alerts.

    `detail=False` leaves out what only the action page shows (counts of the other states, targets and
    results by indicator): 12 correlated subqueries instead of 30, for the lists and the alert counts.
    """
    prescriptions = _prescriptions_de_l_action()
    etats = EtatPrescription.values if detail else ETATS_DE_LA_LISTE
    annotations = {f"nb_{etat}": _compte(prescriptions.filter(etat=etat)) for etat in etats}
    versements = Versement.objects.filter(financement=OuterRef("financement_id"))
    money = DecimalField(max_digits=14, decimal_places=2)
    resultats = ResultatAction.objects.filter(action=OuterRef("pk"))
    if detail:
        annotations.update(_annotations_detail(prescriptions, resultats))
    dernier = resultats.order_by("-periode_fin")
    debut_close, fin_close = derniere_periode_close(aujourdhui)
    qs = queryset.annotate(
        **annotations,
        montant_conventionne=F("financement__montant_conventionne"),
        montant_verse=_somme(versements, "montant", money),
        dernier_resultat_fin=Subquery(dernier.values("periode_fin")[:1]),
        dernier_resultat_participants=Subquery(dernier.values("participants")[:1]),
        resultat_periode_close=Exists(resultats.filter(periode_debut__lte=fin_close, periode_fin__gte=debut_close)),
    )
    return qs.annotate(
        places_restantes=Case(
            When(places__gt=F("nb_entree"), then=F("places") - F("nb_entree")), default=0, output_field=IntegerField()
        ),
        alerte_occupation=Case(
            When(
                Q(date_debut__lte=aujourdhui, date_fin__gte=aujourdhui, places__gt=0)
                & Q(nb_entree__lt=F("places") * SEUIL_OCCUPATION / 100.0),
                then=True,
            ),
            default=False,
            output_field=models.BooleanField(),
        ),
        alerte_resultats=Case(
            When(Q(date_debut__lte=fin_close, date_fin__gte=debut_close, resultat_periode_close=False), then=True),
            default=False,
            output_field=models.BooleanField(),
        ),
        alerte_fin_proche=Case(
            When(
                date_fin__gte=aujourdhui,
                date_fin__lte=aujourdhui + datetime.timedelta(days=JOURS_AVANT_FIN),
                then=True,
            ),
            default=False,
            output_field=models.BooleanField(),
        ),
        alerte_budget=Case(
            When(financement__isnull=False, montant_verse__gt=F("financement__montant_conventionne"), then=True),
            default=False,
            output_field=models.BooleanField(),
        ),
    )


def _prescriptions_de_l_action():
    return Prescription.objects.filter(action=OuterRef("pk"))


def filtre_alertes() -> Q:
    return Q(alerte_occupation=True) | Q(alerte_resultats=True) | Q(alerte_fin_proche=True) | Q(alerte_budget=True)


def taux_occupation(action) -> int | None:
    """Percentage entered / places from an annotated action; None when the action has no place."""
    if not action.places:
        return None
    return round(100 * action.nb_entree / action.places)


def alertes(action) -> list[str]:
    """French wording of the alert flags of an annotated action (no query)."""
    messages = []
    if action.alerte_occupation:
        messages.append(f"Occupation inférieure à {SEUIL_OCCUPATION} %")
    if action.alerte_resultats:
        messages.append("Résultats de la dernière période non saisis")
    if action.alerte_fin_proche:
        messages.append(f"Se termine dans moins de {JOURS_AVANT_FIN} jours")
    if action.alerte_budget:
        messages.append("Versements supérieurs au montant conventionné")
    return messages


def objectifs_et_resultats(action) -> list[dict]:
    """Rows «indicator, target, achieved, %» of an annotated action (no query)."""
    lignes = []
    for indicateur in INDICATEURS_RESULTATS:
        cible = getattr(action, f"cible_{indicateur}")
        realise = getattr(action, f"realise_{indicateur}")
        if cible is None and not realise:
            continue
        taux = round(100 * realise / cible) if cible else None
        lignes.append({"indicateur": Indicateur(indicateur).label, "cible": cible, "realise": realise, "taux": taux})
    return lignes


def rapprochement(action) -> list[dict]:
    """The partner's declared results against the entries and exits the prescriptions record (no query)."""
    explication = (
        "Les résultats déclarés s'additionnent période par période : une personne présente sur deux périodes y "
        "compte deux fois, et une personne venue sans prescription n'apparaît que dans les résultats."
    )
    lignes = []
    for libelle, enregistre, declare in (
        ("Participants", action.personnes_entrees, action.realise_participants),
        ("Sorties avec un motif", action.sorties_enregistrees, action.realise_sorties),
    ):
        lignes.append(
            {
                "libelle": libelle,
                "enregistre": enregistre,
                "declare": declare,
                "ecart": declare - enregistre,
                "explication": explication if declare != enregistre else "",
            }
        )
    return lignes


def actions_avec_chiffres(user, aujourdhui, *, detail: bool = True):
    return avec_chiffres(
        Action.objects.gerees_par(user).select_related("partenaire", "financement", "thematique"),
        aujourdhui,
        detail=detail,
    )


def fiches_actions(user, aujourdhui):
    """The actions `user` follows, with every figure and what the action page prints of their places."""
    return (
        actions_avec_chiffres(user, aujourdhui)
        .select_related("objectif")
        .prefetch_related("territoires", Prefetch("sites", Site.objects.select_related("commune")))
    )


def avec_places(queryset):
    """Just what the catalogue needs: people entered and places left."""
    entrees = _compte(Prescription.objects.filter(action=OuterRef("pk"), etat=EtatPrescription.ENTREE))
    return queryset.annotate(nb_entree=entrees).annotate(
        places_restantes=Case(
            When(places__gt=F("nb_entree"), then=F("places") - F("nb_entree")), default=0, output_field=IntegerField()
        )
    )
