"""The five working groups: members, meetings and their decisions."""

from __future__ import annotations

import datetime
from collections import defaultdict

from pacte.models import Role
from partenaires.models import (
    DecisionReunion,
    GroupeTravail,
    MembreGroupe,
    ReunionGroupe,
)


def _generer_groupes(ctx, thematiques, partenaires, actions) -> None:
    rng, faker = ctx.rng, ctx.faker
    referent = ctx.comptes.get(Role.REFERENT_THEMATIQUE.value) or ctx.comptes.get(Role.REFERENT_THEMATIQUE)
    groupes = []
    for thematique in thematiques:
        groupe, _ = GroupeTravail.objects.get_or_create(
            thematique=thematique, defaults={"nom": f"Groupe de travail « {thematique.intitule} »"[:200]}
        )
        groupes.append(groupe)
    partenaires_par_thematique = defaultdict(set)
    for action in actions:
        partenaires_par_thematique[action.thematique_id].add(action.partenaire_id)
    par_id = {p.pk: p for p in partenaires}
    membres = []
    for groupe in groupes:
        if referent is not None and referent.thematiques.filter(pk=groupe.thematique_id).exists():
            membres.append(
                MembreGroupe(
                    groupe=groupe,
                    utilisateur=referent,
                    nom=referent.get_full_name(),
                    structure="Département de la Haute-Vienne — référente thématique",
                )
            )
        for _ in range(2):
            membres.append(
                MembreGroupe(
                    groupe=groupe,
                    nom=faker.name(),
                    structure="Département de la Haute-Vienne — direction de l'insertion",
                )
            )
        for partenaire_id in sorted(partenaires_par_thematique[groupe.thematique_id])[:5]:
            membres.append(
                MembreGroupe(
                    groupe=groupe,
                    nom=faker.name(),
                    structure=par_id[partenaire_id].raison_sociale,
                    partenaire=par_id[partenaire_id],
                )
            )
    membres = MembreGroupe.objects.bulk_create(membres)
    membres_par_groupe = defaultdict(list)
    for membre in membres:
        membres_par_groupe[membre.groupe_id].append(membre)

    reunions = []
    for groupe in groupes:
        for annee in range(2022, ctx.aujourdhui.year + 1):
            for mois in (3, 6, 10):
                date = datetime.date(annee, mois, rng.randint(5, 25))
                if date > ctx.aujourdhui:
                    continue
                reunions.append(
                    ReunionGroupe(
                        groupe=groupe,
                        date=date,
                        ordre_du_jour=(
                            "1. Point sur l'occupation des actions\n2. Résultats du semestre\n"
                            "3. Ajustements proposés par les partenaires"
                        ),
                        compte_rendu=(
                            f"Les partenaires présentent les résultats du semestre. {faker.sentence(nb_words=14)} "
                            f"{faker.sentence(nb_words=10)}"
                        ),
                    )
                )
    reunions = ReunionGroupe.objects.bulk_create(reunions)
    participations, decisions = [], []
    for reunion in reunions:
        candidats = membres_par_groupe[reunion.groupe_id]
        for membre in rng.sample(candidats, k=max(1, len(candidats) * 2 // 3)):
            participations.append(
                ReunionGroupe.participants.through(reuniongroupe_id=reunion.pk, membregroupe_id=membre.pk)
            )
        for texte in rng.sample(
            [
                "Augmenter le nombre de places de l'action la plus demandée.",
                "Revoir à la baisse l'objectif de sorties en emploi durable, compte tenu du public.",
                "Prolonger l'action de six mois pour achever les parcours en cours.",
                "Renforcer la communication auprès des travailleurs sociaux des MDD.",
                "Ajuster le financement au nombre de participants réel.",
            ],
            k=rng.randint(1, 2),
        ):
            decisions.append(DecisionReunion(reunion=reunion, texte=texte))
    ReunionGroupe.participants.through.objects.bulk_create(participations)
    DecisionReunion.objects.bulk_create(decisions)
