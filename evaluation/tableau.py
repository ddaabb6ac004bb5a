"""What the dashboard shows: indicators with last year's value and the change, charts, breakdowns."""

from evaluation import graphiques
from evaluation.forms import un_an_avant
from evaluation.indicateurs import (
    GROUPES,
    calculer_indicateurs,
    delais_orientation_par_tranche,
    flux_mensuels,
    occupation_par_action,
    ventiler_tout,
)
from pacte.choices import TypeSortie

MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def lignes_comparees(actuels: dict, precedents: dict) -> list[dict]:
    groupes = {g: [] for g in GROUPES}
    for code, ind in actuels.items():
        precedent = precedents[code].valeur if code in precedents else None
        ecart = ind.valeur - precedent if ind.valeur is not None and precedent is not None else None
        groupes.setdefault(ind.groupe, []).append(
            {
                "code": code,
                "libelle": ind.libelle,
                "valeur": ind.valeur,
                "precedent": precedent,
                "ecart": ecart,
                "unite": ind.unite,
                "alerte": ind.alerte,
            }
        )
    return [{"groupe": g, "indicateurs": lignes} for g, lignes in groupes.items() if lignes]


def contenu_tableau_de_bord(debut, fin, filtres) -> dict:
    actuels = calculer_indicateurs(debut, fin, filtres)
    precedents = calculer_indicateurs(un_an_avant(debut), un_an_avant(fin), filtres)
    tranches = delais_orientation_par_tranche(debut, fin, filtres)
    flux = flux_mensuels(debut, fin, filtres)
    occupation = occupation_par_action(fin, filtres)
    valeur = lambda code: actuels[code].valeur  # noqa: E731
    graphes = [
        graphiques.barres(
            "delais",
            "Délais entre l'ouverture de droit et la première orientation",
            "Nombre de personnes orientées dans la période, par tranche de délai.",
            [t["libelle"] for t in tranches] if any(t["valeur"] for t in tranches) else [],
            {"Personnes orientées": [t["valeur"] for t in tranches]},
        ),
        graphiques.barres(
            "flux",
            "Entrées et sorties du dispositif par mois",
            "Pour chaque mois de la période, le nombre d'entrées puis le nombre de sorties.",
            [f"{MOIS[f['mois'].month - 1]} {f['mois'].year}" for f in flux],
            {"Entrées": [f["entrees"] for f in flux], "Sorties": [f["sorties"] for f in flux]},
        ),
        graphiques.barres(
            "occupation",
            "Taux d'occupation des actions ouvertes à la fin de la période",
            "Personnes entrées rapportées aux places conventionnées, pour les actions les plus suivies.",
            [o["intitule"] for o in occupation],
            {"Taux d'occupation": [o["taux"] for o in occupation]},
            unite="%",
        ),
        graphiques.barres(
            "sorties",
            "Sorties par motif",
            "Sorties du dispositif et sorties d'action de la période, par motif.",
            [t.label for t in TypeSortie],
            {
                "Sorties du dispositif": [valeur(f"sorties_dispositif_{t.value}") for t in TypeSortie],
                "Sorties d'action": [valeur(f"sorties_action_{t.value}") for t in TypeSortie],
            },
        ),
        graphiques.barres(
            "budget",
            "Budget conventionné et montants versés",
            "Montant conventionné des financements en cours et montants versés dans la période, en euros.",
            ["Budget conventionné", "Montants versés"] if valeur("budget_conventionne") is not None else [],
            {"Montant": [valeur("budget_conventionne"), valeur("budget_verse")]},
            unite="€",
        ),
    ]
    ventilations = ventiler_tout(debut, fin, filtres)
    vide = not any(valeur(code) for code in ("stock_parcours_ouverts", "entrees", "sorties", "participants"))
    return {
        "periode_vide": vide,
        "groupes": lignes_comparees(actuels, precedents),
        "graphiques": graphes,
        "ventilation_thematiques": ventilations["thematique"],
        "ventilation_mdd": ventilations["mdd"],
        "ventilation_territoires": ventilations["territoire"],
        "periode_precedente": (un_an_avant(debut), un_an_avant(fin)),
    }
