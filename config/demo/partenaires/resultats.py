"""After the parcours demo: results per half-year and ajustements, derived from the prescriptions."""

from __future__ import annotations

import datetime
from collections import defaultdict

from pacte.models import Role
from parcours.models import Prescription
from partenaires.models import (
    Action,
    Ajustement,
    DecisionReunion,
    ObjectifAction,
    ResultatAction,
)
from partenaires.models.actions import SORTIE_FIELDS


def _semestres(debut: datetime.date, fin: datetime.date, jusqu_au: datetime.date):
    """Half-years of [debut, fin] already finished on `jusqu_au`, clipped to the action's dates."""
    annee = debut.year
    while True:
        for s_debut, s_fin in (
            (datetime.date(annee, 1, 1), datetime.date(annee, 6, 30)),
            (datetime.date(annee, 7, 1), datetime.date(annee, 12, 31)),
        ):
            if s_fin < debut:
                continue
            if s_debut > fin or s_fin >= jusqu_au:
                return
            yield max(s_debut, debut), min(s_fin, fin)
        annee += 1


def completer(ctx) -> None:
    """Results per half-year, consistent with the prescriptions; ajustements, some from meeting decisions."""
    rng = ctx.rng
    actions = list(Action.objects.order_by("pk"))
    prescriptions = defaultdict(list)
    for action_id, date_entree, date_sortie, type_sortie in (
        Prescription.objects.filter(date_entree__isnull=False)
        .order_by("pk")
        .values_list("action_id", "date_entree", "date_sortie", "type_sortie")
    ):
        prescriptions[action_id].append((date_entree, date_sortie, type_sortie))

    resultats = []
    for action in actions:
        periodes = list(_semestres(action.date_debut, action.date_fin, ctx.aujourdhui))
        for index, (debut, fin) in enumerate(periodes):
            # Leave the last period of a few running actions empty: the «results missing» alert.
            if index == len(periodes) - 1 and action.date_fin >= ctx.aujourdhui and action.pk % 6 == 0:
                continue
            presents = [p for p in prescriptions[action.pk] if p[0] <= fin and (p[1] is None or p[1] >= debut)]
            sorties = defaultdict(int)
            for _, date_sortie, type_sortie in presents:
                if date_sortie and debut <= date_sortie <= fin and type_sortie in SORTIE_FIELDS:
                    sorties[SORTIE_FIELDS[type_sortie]] += 1
            # People sent by other prescribers (France Travail, self-referral) add to the tool's own.
            hors_outil = rng.randint(0, max(1, action.places // 2))
            participants = len(presents) + hors_outil
            extra_sorties = rng.randint(0, hors_outil // 2) if hors_outil else 0
            if extra_sorties:
                sorties[rng.choice(list(SORTIE_FIELDS.values()))] += extra_sorties
            resultats.append(
                ResultatAction(
                    action=action,
                    periode_debut=debut,
                    periode_fin=fin,
                    participants=participants,
                    heures=participants * rng.randint(15, 90),
                    source=ResultatAction.Source.PARTENAIRE if rng.random() < 0.5 else ResultatAction.Source.REFERENT,
                    **sorties,
                )
            )
    ResultatAction.objects.bulk_create(resultats, batch_size=500)

    referent = ctx.comptes.get(Role.REFERENT_THEMATIQUE.value)
    administrateur = ctx.comptes.get(Role.ADMINISTRATEUR.value)
    auteurs = [u for u in (referent, administrateur) if u is not None]
    if not auteurs:
        return
    decisions_par_thematique = defaultdict(list)
    for decision in DecisionReunion.objects.select_related("reunion__groupe").order_by("reunion__date", "pk"):
        decisions_par_thematique[decision.reunion.groupe.thematique_id].append(decision)
    objectifs = {(o.action_id, o.indicateur): o for o in ObjectifAction.objects.all()}
    ajustements, actions_modifiees, objectifs_modifies = [], [], []
    for action in actions:
        if action.date_debut > ctx.aujourdhui or rng.random() > 0.45:
            continue
        for _ in range(rng.randint(1, 3)):
            date = action.date_debut + datetime.timedelta(days=rng.randint(60, 300))
            if date > min(ctx.aujourdhui, action.date_fin):
                continue
            decisions = [d for d in decisions_par_thematique[action.thematique_id] if d.reunion.date <= date]
            decision_reunion = decisions[-1] if decisions and rng.random() < 0.5 else None
            effet = rng.choice(["aucun", "aucun", "places", "objectifs"])
            avant, apres, objet, texte = (
                {},
                {},
                "Point d'étape avec le partenaire",
                "Maintien des modalités de l'action.",
            )
            if effet == "places":
                nouvelles = action.places + rng.choice([-2, 2, 4])
                avant, apres = {"places": action.places}, {"places": nouvelles}
                objet, texte = "Capacité d'accueil", f"Le nombre de places passe de {action.places} à {nouvelles}."
                action.places = nouvelles
                actions_modifiees.append(action)
            elif effet == "objectifs":
                objectif = objectifs.get((action.pk, "participants"))
                if objectif is None:
                    effet = "aucun"
                else:
                    nouvelle = max(1, objectif.valeur_cible + rng.choice([-4, -2, 3, 5]))
                    avant, apres = {"participants": objectif.valeur_cible}, {"participants": nouvelle}
                    objet, texte = (
                        "Objectif de participants",
                        f"L'objectif passe de {objectif.valeur_cible} à {nouvelle} participants.",
                    )
                    objectif.valeur_cible = nouvelle
                    objectifs_modifies.append(objectif)
            ajustements.append(
                Ajustement(
                    action=action,
                    date=date,
                    auteur=rng.choice(auteurs),
                    objet=objet,
                    decision=texte,
                    effet=effet,
                    valeur_avant=avant,
                    valeur_apres=apres,
                    decision_reunion=decision_reunion,
                )
            )
    Ajustement.objects.bulk_create(ajustements)
    Action.objects.bulk_update(actions_modifiees, ["places"])
    ObjectifAction.objects.bulk_update(objectifs_modifies, ["valeur_cible"])
