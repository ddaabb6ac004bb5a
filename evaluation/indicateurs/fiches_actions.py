"""The fiches of the «Actions» group: participation, occupancy, exits, budget and payments."""

from __future__ import annotations

from evaluation.indicateurs.textes import NON_ADDITIF_THEMATIQUES, PERIODE, Fiche
from pacte.choices import TypeSortie
from parcours.choices import EtatPrescription

AC = "Actions"
PRESENCE = (
    "Une personne est présente dans une action du jour de son entrée au jour de sa sortie (ou de son abandon), "
    "ou jusqu'à la fin de l'action si elle y est toujours ; un abandon après l'entrée sans date ne compte que le "
    "jour de l'entrée ; jamais avant le début ni après la fin de l'action."
)
FILTRE_BUDGET = (
    "Avec un filtre (thématique, MDD, territoire, milieu), seuls les financements d'une action du périmètre "
    "comptent : un financement sans action n'a ni thématique ni territoire."
)


def fiches_actions() -> list[Fiche]:
    return [*_participation(), *_prescriptions_et_sorties(), *_budget()]


def _participation() -> list[Fiche]:
    return [
        Fiche(
            "participants",
            "Participants aux actions",
            AC,
            "personnes",
            population="Personnes présentes au moins un jour de la période dans une action du périmètre. " + PRESENCE,
            numerateur="Nombre de personnes distinctes.",
            observation=PERIODE,
            exclusions="Prescriptions refusées, proposées, acceptées ou abandonnées sans entrée.",
            limites="Une personne présente dans deux actions compte une fois. " + NON_ADDITIF_THEMATIQUES,
            ventilation=NON_ADDITIF_THEMATIQUES,
        ),
        Fiche(
            "taux_occupation",
            "Taux d'occupation des actions (personnes présentes sur places conventionnées)",
            AC,
            "%",
            population="Actions en cours le dernier jour de la période et ayant au moins une place conventionnée.",
            numerateur="Présences ce jour dans ces actions (une personne présente dans deux actions occupe deux "
            "places).",
            denominateur="Places conventionnées de ces mêmes actions.",
            observation="Dernier jour de la période.",
            exclusions="Actions terminées ou pas encore commencées ce jour ; actions sans place conventionnée.",
            limites="Un taux au-dessus de 100 % (action au-delà de ses places) est affiché et signalé.",
        ),
    ]


def _prescriptions_et_sorties() -> list[Fiche]:
    liste = []
    for e in EtatPrescription:
        liste.append(
            Fiche(
                f"prescriptions_{e.value}",
                f"Prescriptions de la période à l'état « {e.label.lower()} »",
                AC,
                "prescriptions",
                population=f"Prescriptions proposées dans la période, aujourd'hui à l'état « {e.label.lower()} ».",
                numerateur="Nombre de prescriptions.",
                observation="Date de proposition, dans la période ; état à la date du calcul.",
                limites="Unité : la prescription. L'état est celui d'aujourd'hui, pas celui de la fin de période.",
            )
        )
    for t in TypeSortie:
        liste.append(
            Fiche(
                f"sorties_action_{t.value}",
                f"Sorties d'action : {t.label}",
                AC,
                "sorties",
                population=f"Sorties d'une action du périmètre datées dans la période, de motif « {t.label} ».",
                numerateur="Nombre de sorties d'action.",
                observation="Date de la sortie de l'action, dans la période.",
                limites="Unité : la sortie d'action ; une personne sortie de deux actions compte deux sorties.",
            )
        )
    liste.append(
        Fiche(
            "taux_sorties_emploi",
            "Taux de sorties d'action vers l'emploi (durable et de transition)",
            AC,
            "%",
            population="Sorties d'action datées dans la période et ayant un motif.",
            numerateur="Sorties en emploi durable ou en emploi de transition.",
            denominateur="Toutes les sorties d'action de la période ayant un motif.",
            observation="Date de la sortie de l'action, dans la période.",
            exclusions="Abandons (sans motif de sortie).",
            limites="Unité : la sortie d'action.",
        )
    )
    return liste


def _budget() -> list[Fiche]:
    return [
        Fiche(
            "budget_conventionne",
            "Budget conventionné des financements en cours",
            AC,
            "€",
            population="Financements en cours au moins un jour de la période, avec ou sans action rattachée.",
            numerateur="Somme de leurs montants conventionnés.",
            observation=PERIODE,
            exclusions=FILTRE_BUDGET,
            limites="Un financement pluriannuel compte pour son montant entier dans chaque période qu'il couvre.",
        ),
        Fiche(
            "budget_verse",
            "Montants versés dans la période",
            AC,
            "€",
            population="Versements (avances, acomptes, soldes) datés dans la période, que leur financement soit "
            "en cours ou terminé (un solde payé l'année suivante compte l'année de son paiement).",
            numerateur="Somme des montants versés.",
            observation="Date du versement, dans la période.",
            exclusions=FILTRE_BUDGET,
        ),
        Fiche(
            "taux_consommation",
            "Part du budget conventionné versée dans la période",
            AC,
            "%",
            population="Financements et versements définis par les fiches « Budget conventionné » et « Montants "
            "versés dans la période ».",
            numerateur="Montants versés dans la période.",
            denominateur="Budget conventionné des financements en cours.",
            observation=PERIODE,
            exclusions=FILTRE_BUDGET,
            limites="Le solde d'un financement terminé est versé hors de sa période : le taux d'une année peut "
            "dépasser 100 %, il est alors affiché et signalé.",
        ),
        Fiche(
            "cout_par_participant",
            "Coût par participant (versé / participants)",
            AC,
            "€",
            population="Versements et participants de la période, définis par leurs fiches.",
            numerateur="Montants versés dans la période.",
            denominateur="Participants aux actions dans la période.",
            observation=PERIODE,
            exclusions=FILTRE_BUDGET,
            limites="Rapporte des versements qui peuvent financer d'autres périodes à la participation de celle-ci.",
        ),
    ]
