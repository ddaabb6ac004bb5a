"""Load a département's reference data from a YAML file: validate everything, then write in one transaction.

Every error names the line of the file, in French. Loading the same file twice changes nothing.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from pacte.choices import Milieu
from pacte.courant import pacte_courant
from pacte.marque import lire_marque
from pacte.models import MDD, Commune, Marque, Objectif, Pacte, Site, Territoire, Thematique
from pacte.referentiel_droits import charger_droits_et_devoirs, lire_droits_et_devoirs

INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
CODE_POSTAL_RE = re.compile(r"^\d{5}$")
LINE_KEY = "__ligne__"
KEY_LINES = "__lignes_des_cles__"
DELAI_ORIENTATION_PAR_DEFAUT = 30


# Rubriques of the file read by apps above pacte (courriers: its delays), registered from their AppConfig.ready():
# {nom: (lire(validateur, bloc_ou_None, ligne) -> valeur, ecrire(valeur, pacte, bilan))}.
_RUBRIQUES = {}


def ajouter_rubrique(nom: str, lire, ecrire) -> None:
    _RUBRIQUES[nom] = (lire, ecrire)


class ReferentielInvalide(Exception):
    def __init__(self, erreurs: list[str]):
        self.erreurs = erreurs
        super().__init__("\n".join(erreurs))


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line (1-based) where each mapping starts."""


def _construct_mapping(loader, node, deep=False):
    mapping = loader.construct_mapping(node, deep=deep)
    mapping[LINE_KEY] = node.start_mark.line + 1
    mapping[KEY_LINES] = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text until validated, so that « 2024-13-45 » is an error with its line, not a crash.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@dataclass
class Bilan:
    crees: int = 0
    modifies: int = 0
    inchanges: int = 0

    def __str__(self):
        return f"{self.crees} créé(s), {self.modifies} modifié(s), {self.inchanges} inchangé(s)"


class _Validateur:
    def __init__(self):
        self.erreurs: list[str] = []

    def erreur(self, ligne, message):
        self.erreurs.append(f"Ligne {ligne} : {message}")

    @staticmethod
    def ligne_de(bloc, cle, defaut):
        """The line of the key itself when the file has it, else the line of its block."""
        return bloc.get(KEY_LINES, {}).get(cle, defaut) if isinstance(bloc, dict) else defaut

    def texte(self, bloc, cle, ligne, *, obligatoire=True, max_length=200):
        valeur = bloc.get(cle) if isinstance(bloc, dict) else None
        ligne = self.ligne_de(bloc, cle, ligne)
        if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
            if obligatoire:
                self.erreur(ligne, f"le champ « {cle} » est obligatoire.")
            return ""
        valeur = str(valeur).strip()
        if len(valeur) > max_length:
            self.erreur(ligne, f"le champ « {cle} » dépasse {max_length} caractères.")
        return valeur

    def date(self, bloc, cle, ligne, *, obligatoire=True):
        valeur = bloc.get(cle)
        ligne = self.ligne_de(bloc, cle, ligne)
        if valeur is None:
            if obligatoire:
                self.erreur(ligne, f"la date « {cle} » est obligatoire (format AAAA-MM-JJ).")
            return None
        if isinstance(valeur, datetime.date):
            return valeur
        try:
            return datetime.date.fromisoformat(str(valeur))
        except ValueError:
            self.erreur(ligne, f"la date « {cle} » vaut « {valeur} » : format attendu AAAA-MM-JJ.")
            return None

    def liste(self, bloc, cle, ligne, *, obligatoire=True):
        valeur = bloc.get(cle)
        if valeur is None:
            if obligatoire:
                self.erreur(ligne, f"la liste « {cle} » est obligatoire.")
            return []
        if not isinstance(valeur, list):
            self.erreur(ligne, f"« {cle} » doit être une liste.")
            return []
        propres = []
        for element in valeur:
            if isinstance(element, dict):
                propres.append(element)
            else:
                self.erreur(ligne, f"un élément de « {cle} » n'est pas une fiche (« {element} »).")
        return propres

    def milieu(self, bloc, ligne):
        valeur = self.texte(bloc, "milieu", ligne)
        if valeur and valeur not in Milieu.values:
            self.erreur(ligne, f"le milieu « {valeur} » est inconnu : urbain ou rural.")
        return valeur


def _yaml(contenu: str) -> dict:
    try:
        data = yaml.load(contenu, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ligne = mark.line + 1 if mark else "?"
        raise ReferentielInvalide([f"Ligne {ligne} : le fichier n'est pas un YAML valide ({exc.problem})."]) from None
    if not isinstance(data, dict):
        raise ReferentielInvalide(
            ["Ligne 1 : le fichier doit contenir les rubriques pacte, thematiques, territoires, mdd."]
        )
    return data


def _lire_pacte(v: _Validateur, data: dict) -> dict:
    pacte_bloc = data.get("pacte")
    if not isinstance(pacte_bloc, dict):
        v.erreur(data[LINE_KEY], "la rubrique « pacte » est obligatoire.")
        return {}
    ligne = pacte_bloc[LINE_KEY]
    pacte = {
        "departement_code": v.texte(pacte_bloc, "departement_code", ligne, max_length=3),
        "departement_nom": v.texte(pacte_bloc, "departement_nom", ligne, max_length=100),
        "nom": v.texte(pacte_bloc, "nom", ligne),
        "date_debut": v.date(pacte_bloc, "date_debut", ligne),
        "date_fin": v.date(pacte_bloc, "date_fin", ligne),
        "date_adoption": v.date(pacte_bloc, "date_adoption", ligne, obligatoire=False),
        "delai_orientation_jours": _delai(v, pacte_bloc, ligne),
    }
    if pacte["date_debut"] and pacte["date_fin"] and pacte["date_fin"] <= pacte["date_debut"]:
        v.erreur(v.ligne_de(pacte_bloc, "date_fin", ligne), "la date de fin du pacte doit suivre sa date de début.")
    return pacte


def _delai(v: _Validateur, bloc: dict, ligne) -> int:
    valeur = bloc.get("delai_orientation_jours", DELAI_ORIENTATION_PAR_DEFAUT)
    if isinstance(valeur, bool) or not isinstance(valeur, int) or not (1 <= valeur <= 365):
        v.erreur(
            v.ligne_de(bloc, "delai_orientation_jours", ligne),
            "delai_orientation_jours est un nombre de jours entre 1 et 365 (30, ou 15 avec la réforme France Travail).",
        )
        return DELAI_ORIENTATION_PAR_DEFAUT
    return valeur


def delai_orientation_jours() -> int:
    """The target delay to orient a new entrant, from the current pact (the référentiel); 30 days without one."""
    pacte = pacte_courant()
    return pacte.delai_orientation_jours if pacte is not None else DELAI_ORIENTATION_PAR_DEFAUT


def _lire_objectifs(v: _Validateur, bloc: dict, ligne) -> list[dict]:
    objectifs, codes = [], set()
    for obj in v.liste(bloc, "objectifs", ligne, obligatoire=False):
        code = v.texte(obj, "code", obj[LINE_KEY], max_length=20)
        if code in codes:
            v.erreur(obj[LINE_KEY], f"l'objectif « {code} » est déclaré deux fois dans la thématique.")
        codes.add(code)
        objectifs.append({"code": code, "intitule": v.texte(obj, "intitule", obj[LINE_KEY], max_length=300)})
    return objectifs


def _lire_thematiques(v: _Validateur, data: dict) -> list[dict]:
    thematiques, numeros = [], set()
    for bloc in v.liste(data, "thematiques", data[LINE_KEY]):
        ligne = bloc[LINE_KEY]
        numero = bloc.get("numero")
        if not isinstance(numero, int) or numero < 1:
            v.erreur(ligne, f"le numéro de thématique « {numero} » doit être un entier positif.")
        elif numero in numeros:
            v.erreur(ligne, f"la thématique numéro {numero} est déclarée deux fois.")
        numeros.add(numero)
        thematiques.append(
            {
                "numero": numero,
                "intitule": v.texte(bloc, "intitule", ligne),
                "description": v.texte(bloc, "description", ligne, obligatoire=False, max_length=5000),
                "objectifs": _lire_objectifs(v, bloc, ligne),
            }
        )
    return thematiques


def _lire_territoires(v: _Validateur, data: dict) -> dict:
    territoires = {}
    for bloc in v.liste(data, "territoires", data[LINE_KEY]):
        code = v.texte(bloc, "code", bloc[LINE_KEY], max_length=30)
        if code in territoires:
            v.erreur(bloc[LINE_KEY], f"le territoire « {code} » est déclaré deux fois.")
        territoires[code] = v.texte(bloc, "nom", bloc[LINE_KEY], max_length=100)
    return territoires


def _lire_communes(v: _Validateur, bloc: dict, ligne, code_mdd: str, communes: dict) -> None:
    for com in v.liste(bloc, "communes", ligne, obligatoire=False):
        cl = com[LINE_KEY]
        insee = v.texte(com, "code_insee", cl, max_length=5)
        if insee and not INSEE_RE.match(insee):
            v.erreur(cl, f"le code INSEE « {insee} » est invalide (5 caractères, ex. 87085).")
        if insee in communes:
            v.erreur(cl, f"la commune {insee} est rattachée à deux MDD.")
        code_postal = v.texte(com, "code_postal", cl, obligatoire=False, max_length=5)
        if code_postal and not CODE_POSTAL_RE.match(code_postal):
            v.erreur(cl, f"le code postal « {code_postal} » est invalide (5 chiffres).")
        communes[insee] = {
            "nom": v.texte(com, "nom", cl, max_length=150),
            "code_postal": code_postal,
            "milieu": v.milieu(com, cl),
            "mdd": code_mdd,
        }


def _lire_sites(v: _Validateur, bloc: dict, ligne) -> list[dict]:
    sites = []
    for site in v.liste(bloc, "sites", ligne):
        sl = site[LINE_KEY]
        sites.append(
            {
                "ligne": sl,
                "nom": v.texte(site, "nom", sl, max_length=150),
                "code_insee": v.texte(site, "code_insee", sl, max_length=5),
                "adresse": v.texte(site, "adresse", sl, obligatoire=False, max_length=250),
                "milieu": v.milieu(site, sl),
            }
        )
    return sites


def _lire_mdds(v: _Validateur, data: dict, territoires: dict) -> tuple[list[dict], dict]:
    mdds, communes, codes_mdd = [], {}, set()
    for bloc in v.liste(data, "mdd", data[LINE_KEY]):
        ligne = bloc[LINE_KEY]
        code = v.texte(bloc, "code", ligne, max_length=30)
        if code in codes_mdd:
            v.erreur(ligne, f"la MDD « {code} » est déclarée deux fois.")
        codes_mdd.add(code)
        territoire = v.texte(bloc, "territoire", ligne, max_length=30)
        if territoire and territoire not in territoires:
            v.erreur(
                v.ligne_de(bloc, "territoire", ligne),
                f"le territoire « {territoire} » n'est pas déclaré dans la rubrique territoires.",
            )
        _lire_communes(v, bloc, ligne, code, communes)
        sites = _lire_sites(v, bloc, ligne)
        mdds.append(
            {"code": code, "nom": v.texte(bloc, "nom", ligne, max_length=150), "territoire": territoire, "sites": sites}
        )
    for mdd in mdds:
        for site in mdd["sites"]:
            if site["code_insee"] and site["code_insee"] not in communes:
                v.erreur(
                    site["ligne"], f"la commune {site['code_insee']} du site n'est rattachée à aucune MDD du fichier."
                )
    return mdds, communes


def lire(contenu: str, dossier: Path | None = None) -> dict:
    """Parse and validate; return plain data ready to write, or raise ReferentielInvalide.

    `dossier` is the folder of the file, from which the brand's logo path is read."""
    data = _yaml(contenu)
    v = _Validateur()
    pacte = _lire_pacte(v, data)
    thematiques = _lire_thematiques(v, data)
    territoires = _lire_territoires(v, data)
    mdds, communes = _lire_mdds(v, data, territoires)
    marque = lire_marque(v, data, dossier)
    rubriques = {nom: lire_rubrique(v, data.get(nom), data[LINE_KEY]) for nom, (lire_rubrique, _) in _RUBRIQUES.items()}
    baremes = lire_droits_et_devoirs(v, data, data[LINE_KEY])
    if v.erreurs:
        raise ReferentielInvalide(v.erreurs)
    return {
        "pacte": pacte,
        "marque": marque,
        "thematiques": thematiques,
        "territoires": territoires,
        "mdds": mdds,
        "communes": communes,
        "rubriques": rubriques,
        "baremes": baremes,
    }


def _upsert(model, lookup: dict, values: dict, bilan: Bilan):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        bilan.crees += 1
        return obj
    changed = [k for k, val in values.items() if getattr(obj, k) != val]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        bilan.modifies += 1
    else:
        bilan.inchanges += 1
    return obj


@transaction.atomic
def charger(contenu: str, dossier: Path | None = None) -> Bilan:
    data = lire(contenu, dossier)
    bilan = Bilan()
    p = data["pacte"]
    if data["marque"] is not None:
        _upsert(Marque, {"departement_code": p["departement_code"]}, data["marque"], bilan)
    pacte = _upsert(
        Pacte,
        {"departement_code": p["departement_code"], "date_debut": p["date_debut"]},
        {k: p[k] for k in ("departement_nom", "nom", "date_fin", "date_adoption", "delai_orientation_jours")},
        bilan,
    )
    for t in data["thematiques"]:
        thematique = _upsert(
            Thematique,
            {"pacte": pacte, "numero": t["numero"]},
            {"intitule": t["intitule"], "description": t["description"]},
            bilan,
        )
        for o in t["objectifs"]:
            _upsert(Objectif, {"thematique": thematique, "code": o["code"]}, {"intitule": o["intitule"]}, bilan)
    territoires = {
        code: _upsert(Territoire, {"code": code}, {"nom": nom}, bilan) for code, nom in data["territoires"].items()
    }
    mdds = {
        m["code"]: _upsert(
            MDD, {"code": m["code"]}, {"nom": m["nom"], "territoire": territoires[m["territoire"]]}, bilan
        )
        for m in data["mdds"]
    }
    communes = {
        insee: _upsert(
            Commune,
            {"code_insee": insee},
            {"nom": c["nom"], "code_postal": c["code_postal"], "milieu": c["milieu"], "mdd": mdds[c["mdd"]]},
            bilan,
        )
        for insee, c in data["communes"].items()
    }
    for m in data["mdds"]:
        for s in m["sites"]:
            _upsert(
                Site,
                {"mdd": mdds[m["code"]], "nom": s["nom"]},
                {"commune": communes[s["code_insee"]], "adresse": s["adresse"], "milieu": s["milieu"]},
                bilan,
            )
    for nom, (_, ecrire) in _RUBRIQUES.items():
        ecrire(data["rubriques"][nom], pacte, bilan)
    charger_droits_et_devoirs(data["baremes"], _upsert, bilan)
    return bilan
