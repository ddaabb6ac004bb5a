"""The « droits_et_devoirs » section of the référentiel: the département's scale, one version per date of effect.

The law sets a frame and the département chooses its scale inside it; the loader refuses a scale outside the
frame, with the article it breaks. The frame (CASF, version of the décret n° 2025-478 du 30 mai 2025):
- R262-68 (refusal to draw up the contract) and R262-68-1 (obligations not met): suspension of at least 30 %
  for one to two months; after a persisting or repeated breach, up to four months;
- R262-68-6: at most 50 % when the household has more than one person (or the majoration of L262-9);
- L262-37 III: observations first (the delay is the département's choice), the EP's opinion before a
  suppression (before a suspension too if the département asks for it);
- L262-34 CASF / L5411-6 code du travail: an activity plan of at least 15 hours a week, adaptable.
"""

from decimal import Decimal, InvalidOperation

from pacte.models import BaremeDroitsDevoirs, Role

TAUX_MIN_LEGAL = 30  # R262-68-1: « au moins 30 % »
TAUX_MAX_LEGAL = 100
DUREE_MAX_LEGALE = 2  # R262-68-1 1°
DUREE_MAX_REITERATION_LEGALE = 4  # R262-68-1 2°
PLAFOND_FOYER_LEGAL = 50  # R262-68-6

CHAMPS_ENTIERS = (
    "taux_min",
    "taux_max",
    "duree_min_mois",
    "duree_max_mois",
    "duree_max_reiteration_mois",
    "delai_reiteration_mois",
    "plafond_foyer_plusieurs",
    "delai_observations_jours",
    "quorum_ep",
    "alerte_semaines",
    "alerte_seuil_pourcentage",
)
CHAMPS_DECIMAUX = ("heures_hebdomadaires_cible", "duree_rendez_vous_heures")


def _entier(v, bloc, cle, ligne):
    valeur = bloc.get(cle)
    if isinstance(valeur, bool) or not isinstance(valeur, int) or valeur < 0:
        v.erreur(v.ligne_de(bloc, cle, ligne), f"« {cle} » doit être un entier positif ou nul (lu : « {valeur} »).")
        return None
    return valeur


def _decimal(v, bloc, cle, ligne):
    try:
        valeur = Decimal(str(bloc.get(cle)))
    except InvalidOperation:
        valeur = None
    if valeur is None or not valeur.is_finite() or valeur < 0 or valeur > 35:
        v.erreur(v.ligne_de(bloc, cle, ligne), f"« {cle} » doit être un nombre d'heures de 0 à 35.")
        return None
    return valeur


def _cadre_legal(v, b, ligne):
    """The scale stays inside the legal frame; each refusal names the article."""
    regles = [
        (
            "taux_min",
            b["taux_min"] is not None and b["taux_min"] < TAUX_MIN_LEGAL,
            f"le taux minimal ne peut être inférieur à {TAUX_MIN_LEGAL} % (art. R262-68-1 CASF).",
        ),
        (
            "taux_max",
            b["taux_max"] is not None and b["taux_max"] > TAUX_MAX_LEGAL,
            f"le taux maximal ne peut dépasser {TAUX_MAX_LEGAL} %.",
        ),
        (
            "duree_min_mois",
            b["duree_min_mois"] is not None and b["duree_min_mois"] < 1,
            "la durée minimale est d'au moins un mois (art. R262-68-1 CASF).",
        ),
        (
            "duree_max_mois",
            b["duree_max_mois"] is not None and b["duree_max_mois"] > DUREE_MAX_LEGALE,
            f"après un premier manquement, la durée ne peut dépasser {DUREE_MAX_LEGALE} mois (art. R262-68-1 1° CASF).",
        ),
        (
            "duree_max_reiteration_mois",
            b["duree_max_reiteration_mois"] is not None
            and b["duree_max_reiteration_mois"] > DUREE_MAX_REITERATION_LEGALE,
            f"après un manquement réitéré, la durée ne peut dépasser {DUREE_MAX_REITERATION_LEGALE} mois "
            "(art. R262-68-1 2° CASF).",
        ),
        (
            "plafond_foyer_plusieurs",
            b["plafond_foyer_plusieurs"] is not None and b["plafond_foyer_plusieurs"] > PLAFOND_FOYER_LEGAL,
            f"pour un foyer de plusieurs personnes, le taux ne peut dépasser {PLAFOND_FOYER_LEGAL} % "
            "(art. R262-68-6 CASF).",
        ),
        (
            "delai_observations_jours",
            b["delai_observations_jours"] == 0,
            "le délai pour présenter ses observations ne peut être nul (art. L262-37 III CASF).",
        ),
        ("quorum_ep", b["quorum_ep"] == 0, "le quorum de l'équipe pluridisciplinaire est d'au moins un membre."),
        ("alerte_semaines", b["alerte_semaines"] == 0, "l'alerte porte sur au moins une semaine."),
    ]
    for cle, faux, message in regles:
        if faux:
            v.erreur(v.ligne_de(b["_bloc"], cle, ligne), message)
    paires = [
        ("taux_min", "taux_max"),
        ("duree_min_mois", "duree_max_mois"),
        ("duree_max_mois", "duree_max_reiteration_mois"),
    ]
    for bas, haut in paires:
        if b[bas] is not None and b[haut] is not None and b[bas] > b[haut]:
            v.erreur(v.ligne_de(b["_bloc"], haut, ligne), f"« {haut} » ne peut être inférieur à « {bas} ».")


def _lire_bareme(v, bloc, ligne) -> dict:
    b = {"_bloc": bloc, "date_effet": v.date(bloc, "date_effet", ligne)}
    for cle in CHAMPS_ENTIERS:
        b[cle] = _entier(v, bloc, cle, ligne)
    for cle in CHAMPS_DECIMAUX:
        b[cle] = _decimal(v, bloc, cle, ligne)
    avis = bloc.get("avis_ep_suspension")
    if not isinstance(avis, bool):
        v.erreur(
            v.ligne_de(bloc, "avis_ep_suspension", ligne), "« avis_ep_suspension » vaut oui (true) ou non (false)."
        )
    b["avis_ep_suspension"] = bool(avis)
    roles = bloc.get("roles_delegataires")
    if not isinstance(roles, list) or not roles or any(r not in Role.values for r in roles):
        v.erreur(
            v.ligne_de(bloc, "roles_delegataires", ligne),
            f"« roles_delegataires » est une liste de rôles parmi : {', '.join(Role.values)}.",
        )
        roles = []
    b["roles_delegataires"] = roles
    b["tribunal_administratif"] = v.texte(bloc, "tribunal_administratif", ligne, max_length=150)
    _cadre_legal(v, b, ligne)
    return b


def lire_droits_et_devoirs(v, data, ligne_du_fichier) -> list[dict]:
    """Validate the optional section; a département without it simply has no scale yet."""
    section = data.get("droits_et_devoirs")
    if section is None:
        return []
    if not isinstance(section, dict):
        v.erreur(ligne_du_fichier, "la rubrique « droits_et_devoirs » doit contenir une liste « baremes ».")
        return []
    baremes, dates = [], set()
    for bloc in v.liste(section, "baremes", v.ligne_de(data, "droits_et_devoirs", ligne_du_fichier)):
        ligne = bloc["__ligne__"]
        bareme = _lire_bareme(v, bloc, ligne)
        if bareme["date_effet"] in dates:
            v.erreur(ligne, f"deux barèmes ont la même date d'effet ({bareme['date_effet']:%d/%m/%Y}).")
        dates.add(bareme["date_effet"])
        baremes.append(bareme)
    return baremes


def charger_droits_et_devoirs(baremes, upsert, bilan) -> None:
    for b in baremes:
        valeurs = {k: val for k, val in b.items() if k not in ("_bloc", "date_effet")}
        upsert(BaremeDroitsDevoirs, {"date_effet": b["date_effet"]}, valeurs, bilan)
