"""The fiches of the «Droits et devoirs» group: manquements, EP files, decisions, suspensions, remobilisation, hours."""

from __future__ import annotations

from droits.choices import AvisEP, NatureDecision, NatureManquement
from evaluation.indicateurs.fiches_courriers import ADDITIF, TAUX_PAR_MDD
from evaluation.indicateurs.textes import GEOGRAPHIE, PERIODE, PERSONNE_UNE_FOIS, Fiche

DD = "Droits et devoirs"
MANQUEMENTS = "Manquements dont la date du constat est dans la période, des parcours du périmètre."
DECISIONS = "Décisions du président du département (ou de son délégataire) datées dans la période."
SUSPENSIONS = "Décisions de suspension-remobilisation datées dans la période."
TERMINEES = (
    "Suspensions dont la fin effective est dans la période : levées par une remobilisation, ou échues "
    "(montants perdus)."
)
SEMAINES = (
    "Les semaines dont le lundi tombe dans la période (une semaine à cheval sur deux années compte dans "
    "celle de son lundi)."
)
PREVUES = (
    "Heures hebdomadaires des activités du plan des contrats signés (signés, échus ou résiliés depuis), "
    "additionnées semaine par semaine sur chaque semaine que l'activité touche"
)
REALISEES = (
    "Heures saisies (référent ou partenaire) pour ces semaines, plus les rendez-vous honorés ces semaines-là par "
    "les personnes qui ont un plan, comptés chacun pour la durée du barème en vigueur le dernier jour"
)
SANS_VENTILATION = "Non publié par MDD."


def fiches_droits() -> list[Fiche]:
    return [*_manquements(), *_ep_et_decisions(), *_suspensions(), *_remobilisation(), *_heures()]


def _manquements() -> list[Fiche]:
    liste = [
        Fiche(
            "manquements",
            "Manquements constatés",
            DD,
            "manquements",
            population=MANQUEMENTS,
            numerateur="Nombre de manquements.",
            observation="Date du constat, dans la période.",
            limites="Unité : le manquement ; une personne qui a deux manquements compte deux fois. " + GEOGRAPHIE,
            ventilation=ADDITIF,
        ),
        Fiche(
            "personnes_en_manquement",
            "Personnes ayant un manquement constaté",
            DD,
            "personnes",
            population=MANQUEMENTS,
            numerateur="Nombre de personnes distinctes.",
            observation="Date du constat, dans la période.",
            limites=PERSONNE_UNE_FOIS + " Une personne qui a deux manquements compte une fois.",
            ventilation="Par MDD, une personne compte dans la MDD de chacun de ses parcours concernés.",
        ),
    ]
    for n in NatureManquement:
        liste.append(
            Fiche(
                f"manquements_{n.value}",
                f"Manquements : {n.label.lower()}",
                DD,
                "manquements",
                population=MANQUEMENTS,
                numerateur=f"Manquements de nature « {n.label.lower()} ».",
                observation="Date du constat, dans la période.",
                limites="Unité : le manquement. Les natures s'additionnent au total des manquements.",
            )
        )
    return liste


def _ep_et_decisions() -> list[Fiche]:
    seance = "Dossiers d'équipe pluridisciplinaire ayant reçu un avis dans une séance datée de la période."
    liste = [
        Fiche(
            "dossiers_ep",
            "Dossiers examinés en équipe pluridisciplinaire",
            DD,
            "dossiers",
            population=seance,
            numerateur="Nombre de dossiers.",
            observation="Date de la séance, dans la période (heure de Paris).",
            exclusions="Dossiers inscrits sans avis (séance à venir ou dossier non examiné).",
            limites="Unité : le dossier ; un manquement ajourné puis réexaminé compte à chaque séance.",
            ventilation=ADDITIF,
        )
    ]
    for a in AvisEP:
        liste.append(
            Fiche(
                f"dossiers_ep_{a.value}",
                f"Avis de l'équipe pluridisciplinaire : {a.label.lower()}",
                DD,
                "dossiers",
                population=seance,
                numerateur=f"Dossiers dont l'avis est « {a.label.lower()} ».",
                observation="Date de la séance, dans la période (heure de Paris).",
                limites="Unité : le dossier. Les avis s'additionnent au total des dossiers examinés.",
            )
        )
    for n in NatureDecision:
        liste.append(
            Fiche(
                f"decisions_{n.value}",
                f"Décisions : {n.label.lower()}",
                DD,
                "décisions",
                population=DECISIONS,
                numerateur=f"Décisions de nature « {n.label.lower()} ».",
                observation="Date de la décision, dans la période.",
                limites="Unité : la décision (une par manquement).",
                ventilation=ADDITIF,
            )
        )
    return liste


def _suspensions() -> list[Fiche]:
    commun = {"population": SUSPENSIONS, "observation": "Date de la décision, dans la période."}
    liste = [
        Fiche(
            "suspensions_taux_moyen",
            "Taux moyen des suspensions décidées",
            DD,
            "%",
            numerateur="Somme des taux de suspension décidés.",
            denominateur="Nombre de suspensions décidées.",
            limites="Moyenne simple des taux, sans pondération par le montant de l'allocation.",
            ventilation=SANS_VENTILATION,
            **commun,
        ),
        Fiche(
            "suspensions_duree_moyenne",
            "Durée moyenne des suspensions décidées",
            DD,
            "mois",
            numerateur="Somme des durées décidées, en mois.",
            denominateur="Nombre de suspensions décidées.",
            limites="Durée décidée, pas la durée effective (une remobilisation lève la suspension plus tôt).",
            ventilation=SANS_VENTILATION,
            **commun,
        ),
    ]
    tranches = [
        ("taux_moins_de_50", "taux de moins de 50 %", "un taux inférieur à 50 %"),
        ("taux_50_a_99", "taux de 50 % à 99 %", "un taux de 50 % à 99 %"),
        ("taux_100", "taux de 100 %", "un taux de 100 %"),
        ("un_mois", "durée d'un mois", "une durée d'un mois"),
        ("deux_mois", "durée de deux mois", "une durée de deux mois"),
        ("plus_de_deux_mois", "durée de plus de deux mois", "une durée de trois ou quatre mois (réitération)"),
    ]
    for code, libelle, numerateur in tranches:
        liste.append(
            Fiche(
                f"suspensions_{code}",
                f"Suspensions décidées : {libelle}",
                DD,
                "décisions",
                numerateur=f"Suspensions décidées avec {numerateur}.",
                limites="Unité : la décision. Les tranches de taux s'additionnent aux suspensions, de même les "
                "tranches de durée.",
                **commun,
            )
        )
    return liste


def _remobilisation() -> list[Fiche]:
    return [
        Fiche(
            "taux_remobilisation",
            "Taux de remobilisation des suspensions terminées",
            DD,
            "%",
            population=TERMINEES,
            numerateur="Suspensions levées parce que la personne s'est remobilisée.",
            denominateur="Suspensions terminées dans la période.",
            observation="Fin effective de la suspension, dans la période.",
            exclusions="Suspensions encore en cours le dernier jour.",
            limites="Unité : la suspension.",
            ventilation=TAUX_PAR_MDD,
        ),
        Fiche(
            "delai_remobilisation_moyen",
            "Délai moyen du début de la suspension à la remobilisation",
            DD,
            "jours",
            population="Suspensions levées par une remobilisation, dont la fin effective est dans la période.",
            numerateur="Somme des jours entre le début de la suspension et sa levée (0 quand la personne s'est "
            "remobilisée avant le début).",
            denominateur="Nombre de ces suspensions.",
            observation="Fin effective de la suspension, dans la période.",
            exclusions="Suspensions échues sans remobilisation.",
            limites="Unité : la suspension.",
            ventilation=SANS_VENTILATION,
        ),
    ]


def _heures() -> list[Fiche]:
    commun = {"population": SEMAINES, "observation": PERIODE + " " + SEMAINES}
    return [
        Fiche(
            "heures_prevues",
            "Heures d'activité prévues aux plans des contrats d'engagement",
            DD,
            "heures",
            numerateur=PREVUES + ".",
            exclusions="Contrats à l'état brouillon. Les aménagements (réduction, dispense) ne retranchent rien : "
            "c'est le plan signé qui compte.",
            limites="Une activité qui ne couvre qu'une partie d'une semaine compte pour ses heures de la semaine.",
            ventilation=ADDITIF,
            **commun,
        ),
        Fiche(
            "heures_realisees",
            "Heures d'activité réalisées",
            DD,
            "heures",
            numerateur=REALISEES + ".",
            exclusions="Rendez-vous non honorés ; rendez-vous des personnes sans plan d'activité.",
            limites="Non disponible si des rendez-vous honorés sont à compter et qu'aucun barème n'est en vigueur "
            "le dernier jour de la période.",
            ventilation=ADDITIF,
            **commun,
        ),
        Fiche(
            "taux_realisation_heures",
            "Part des heures prévues qui ont été réalisées",
            DD,
            "%",
            numerateur="Heures réalisées (fiche « Heures d'activité réalisées »).",
            denominateur="Heures prévues (fiche « Heures d'activité prévues »).",
            exclusions="Les mêmes que celles des deux fiches.",
            limites="Le réalisé peut dépasser le prévu : le taux au-dessus de 100 % est affiché et signalé.",
            ventilation=TAUX_PAR_MDD,
            **commun,
        ),
    ]
