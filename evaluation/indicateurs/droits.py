"""The «Droits et devoirs» group (fiches_droits), computed from droits.chiffres' counts.

droits counts over the parcours in scope (perimetres: MDD and territory at the observation date); this module turns
the counts into figures, for the total and per MDD with the same function. Seven aggregate queries and the scale.
"""

from __future__ import annotations

from decimal import Decimal

from droits import chiffres as comptes_droits
from droits.choices import AvisEP, NatureDecision, NatureManquement
from evaluation.indicateurs.actions import CENT
from evaluation.indicateurs.base import moyenne, pourcentage
from evaluation.indicateurs.courriers import fusionner

VENTILES = (
    "manquements",
    "dossiers_ep",
    *(f"decisions_{n.value}" for n in NatureDecision),
    "taux_remobilisation",
    "heures_prevues",
    "heures_realisees",
    "taux_realisation_heures",
)
ALERTE_DEPASSEMENT_HEURES = "Au-delà de 100 % : plus d'heures réalisées que prévues."
TRANCHES = ("taux_moins_de_50", "taux_50_a_99", "taux_100", "un_mois", "deux_mois", "plus_de_deux_mois")


def _prefixer(resultat: dict, prefixe: str) -> dict:
    return {k: {f"{prefixe}{champ}": v for champ, v in valeurs.items()} for k, valeurs in resultat.items()}


def comptes(debut, fin, parcours=None, cle=None) -> dict:
    fusion = fusionner(
        _prefixer(comptes_droits.manquements(debut, fin, parcours, cle), "m_"),
        _prefixer(comptes_droits.dossiers_ep(debut, fin, parcours, cle), "ep_"),
        _prefixer(comptes_droits.decisions(debut, fin, parcours, cle), "d_"),
        _prefixer(comptes_droits.remobilisation(debut, fin, parcours, cle), "r_"),
        comptes_droits.heures_prevues(debut, fin, parcours, cle),
        comptes_droits.heures_realisees(debut, fin, parcours, cle),
    )
    par_rendez_vous = comptes_droits.heures_par_rendez_vous(fin)
    for valeurs in fusion.values():
        valeurs["heures_rdv"] = par_rendez_vous * valeurs.get("rendez_vous", 0) if par_rendez_vous is not None else None
    return fusion


def _realisees(n: dict) -> Decimal | None:
    if n.get("rendez_vous") and n.get("heures_rdv") is None:
        return None
    return Decimal(n.get("saisies") or 0) + (n.get("heures_rdv") or 0)


def _delai_moyen(total, remobilisees: int) -> Decimal | None:
    if not remobilisees:
        return None
    return moyenne(total.days if total else 0, remobilisees)


def figures(n: dict) -> dict:
    """The figures of the fiches from one key's counts (a missing count is a true 0)."""
    g = lambda k: n.get(k) or 0  # noqa: E731
    suspensions = g(f"d_{NatureDecision.SUSPENSION}")
    remobilisees = g("r_remobilisees")
    prevues, realisees = Decimal(g("prevues")), _realisees(n)
    return {
        "manquements": g("m_nombre"),
        "personnes_en_manquement": g("m_personnes"),
        **{f"manquements_{m.value}": g(f"m_{m.value}") for m in NatureManquement},
        "dossiers_ep": g("ep_nombre"),
        **{f"dossiers_ep_{a.value}": g(f"ep_{a.value}") for a in AvisEP},
        **{f"decisions_{d.value}": g(f"d_{d.value}") for d in NatureDecision},
        "suspensions_taux_moyen": moyenne(g("d_taux_total"), suspensions),
        "suspensions_duree_moyenne": moyenne(g("d_duree_totale"), suspensions),
        **{f"suspensions_{t}": g(f"d_{t}") for t in TRANCHES},
        "taux_remobilisation": pourcentage(remobilisees, g("r_terminees")),
        "delai_remobilisation_moyen": _delai_moyen(n.get("r_delai"), remobilisees),
        "heures_prevues": prevues,
        "heures_realisees": realisees,
        "taux_realisation_heures": pourcentage(realisees, prevues) if realisees is not None else None,
    }


def indicateurs_droits(c, parcours, debut, fin):
    for code, valeur in figures(comptes(debut, fin, parcours)[None]).items():
        alerte = ""
        if code == "taux_realisation_heures" and valeur is not None and valeur > CENT:
            alerte = ALERTE_DEPASSEMENT_HEURES
        c.ajouter(code, valeur, alerte=alerte)
