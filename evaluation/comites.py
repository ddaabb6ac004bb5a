"""The report of a comité de pilotage: the work of the period, generated from the data."""

import dataclasses
import datetime

from django.db.models import Count, Prefetch, Sum
from django.utils import timezone

from evaluation.exports import lignes_actions
from evaluation.indicateurs import Filtres, calculer_indicateurs, fiches, occupation_par_action
from evaluation.models import ComitePilotage
from evaluation.pdf import rendre_pdf
from partenaires.models import Ajustement, ObjectifAction, ResultatAction, ReunionGroupe
from partenaires.models.actions import SORTIE_FIELDS

CHAMPS_RESULTAT = ["participants", "heures", *SORTIE_FIELDS.values()]
INDICATEURS_CLES = [
    "stock_parcours_ouverts",
    "entrees",
    "sorties",
    "part_orientes",
    "delai_orientation_median",
    "part_contrat_en_vigueur",
    "participants",
    "taux_occupation",
    "taux_sorties_emploi",
    "budget_conventionne",
    "budget_verse",
    "cout_par_participant",
    "part_invitations_reservees",
    "taux_absence_convocations",
    "manquements",
    "decisions_suspension",
    "taux_remobilisation",
    "taux_realisation_heures",
]


def periode_par_defaut(aujourdhui: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Since the last COPIL (the day after its session), else since 1 January, up to today."""
    aujourdhui = aujourdhui or timezone.localdate()
    dernier = ComitePilotage.objects.filter(date__lt=aujourdhui).order_by("-date").first()
    debut = dernier.date + datetime.timedelta(days=1) if dernier else datetime.date(aujourdhui.year, 1, 1)
    return debut, aujourdhui


def resultats_contre_objectifs(debut, fin) -> list[dict]:
    """Per action: each objective's target and what the results of the period reached (2 GROUP BY queries)."""
    resultats = (
        ResultatAction.objects.filter(periode_debut__lte=fin, periode_fin__gte=debut)
        .values("action_id")
        .annotate(**{champ: Sum(champ) for champ in CHAMPS_RESULTAT})
        .order_by()
    )
    resultats = {r["action_id"]: r for r in resultats}
    objectifs = (
        ObjectifAction.objects.filter(action__date_debut__lte=fin, action__date_fin__gte=debut)
        .select_related("action__thematique")
        .order_by("action__thematique__numero", "action__intitule", "indicateur")
    )
    lignes = []
    for objectif in objectifs:
        atteint = resultats.get(objectif.action_id, {}).get(objectif.indicateur)
        lignes.append(
            {
                "action": objectif.action.intitule,
                "thematique": objectif.action.thematique.numero,
                "indicateur": objectif.get_indicateur_display(),
                "cible": objectif.valeur_cible,
                "realise": atteint,
                "taux": round(atteint * 100 / objectif.valeur_cible, 1)
                if atteint is not None and objectif.valeur_cible
                else None,
            }
        )
    return lignes


def sans_cout_si_rien_verse(indicateurs: dict) -> dict:
    """Nothing paid in the period means the cost per participant is unknown (payments not yet recorded), not zero:
    the report says «non disponible» rather than «0,00 €». (The engine answers 0 when the actions exist.)"""
    cout, verse = indicateurs.get("cout_par_participant"), indicateurs.get("budget_verse")
    if cout is not None and cout.valeur is not None and (verse is None or not verse.valeur):
        indicateurs = {**indicateurs, "cout_par_participant": dataclasses.replace(cout, valeur=None)}
    return indicateurs


def rapport(debut: datetime.date, fin: datetime.date) -> dict:
    indicateurs = sans_cout_si_rien_verse(calculer_indicateurs(debut, fin, Filtres()))
    reunions = (
        ReunionGroupe.objects.filter(date__range=(debut, fin))
        .select_related("groupe__thematique")
        .annotate(nb_participants=Count("participants", distinct=True))
        .prefetch_related(Prefetch("decisions"))
        .order_by("date")
    )
    return {
        "debut": debut,
        "fin": fin,
        "indicateurs": [indicateurs[code] for code in INDICATEURS_CLES],
        "actions": lignes_actions(debut, fin, Filtres()),
        "objectifs": resultats_contre_objectifs(debut, fin),
        "ajustements": list(
            Ajustement.objects.filter(date__range=(debut, fin)).select_related("action").order_by("date", "pk")
        ),
        "occupation": occupation_par_action(fin, Filtres(), limite=30),
        "reunions": list(reunions),
    }


def pdf_du_comite(comite: ComitePilotage) -> bytes:
    return rendre_pdf(
        "evaluation/pdf/comite.html",
        {
            "comite": comite,
            "decisions": list(comite.decisions.all()),
            "rapport": rapport(comite.periode_debut, comite.periode_fin),
            "fiches": fiches(),
        },
    )
