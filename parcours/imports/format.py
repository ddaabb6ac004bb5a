"""Format of the CAF/MSA file of new RSA entrants, and the validation of one line.

Le fichier des nouveaux entrants
================================
Un fichier CSV, une ligne d'en-tête puis une ligne par personne (le demandeur et, s'il y a lieu,
son conjoint sur une autre ligne, chacun avec sa qualité).

- Encodage : UTF-8 (avec ou sans BOM) ou Latin-1 / Windows-1252, détecté automatiquement.
- Séparateur : point-virgule ``;`` ou virgule ``,``, détecté sur la ligne d'en-tête.
- Les colonnes sont reconnues par leur nom (majuscules ou minuscules, accents ignorés), dans
  n'importe quel ordre ; les colonnes inconnues sont ignorées (on peut donc réimporter le fichier
  des lignes refusées, qui ajoute LIGNE_ORIGINE et MOTIF_REFUS).

=================  ===========================  ==============================================
Colonne            Autre nom accepté            Contenu
=================  ===========================  ==============================================
ORGANISME          —                            CAF ou MSA
NUMDEMRSA          MATRICULE                    numéro allocataire : 7 chiffres (CAF),
                                                7 à 13 chiffres (MSA)
NOMNAI             NOM                          nom de naissance
PRENOM             —                            prénom
DTNAI              —                            date de naissance (JJ/MM/AAAA, AAAA-MM-JJ ou
                                                AAAAMMJJ), ni future ni avant 1900
CODE_INSEE         COMMUNE                      code INSEE de la commune de résidence : une
                                                commune du département connue du référentiel
DTOUVDRT           —                            date d'ouverture de droit, ni future ni
                                                antérieure à la naissance
QUALITE            —                            DEM (demandeur) ou CJT (conjoint)
SEXE (facultatif)  —                            F ou M (ou 2 / 1)
=================  ===========================  ==============================================

Une personne est identifiée par ORGANISME + numéro allocataire + QUALITE : si elle existe, ses
nom, prénom, date de naissance, commune et sexe sont mis à jour (jamais de doublon) ; sinon elle
est créée avec un parcours ouvert dans la MDD de sa commune, sans orientation : elle apparaît dans
la file des chargés d'orientation. Une personne qui a déjà un parcours ouvert n'en reçoit pas un
second ; une personne dont le dernier parcours est clos avant la nouvelle date d'ouverture de droit
reçoit un nouveau parcours. Une ligne invalide est refusée avec son motif (ligne et colonne) et rien
n'est écrit pour elle.
"""

import datetime
from dataclasses import dataclass, field

from pacte.text import normaliser

# Canonical field → (accepted column names, French description). Order = order of the refusal report.
COLONNES = {
    "organisme": (("ORGANISME",), "organisme payeur (CAF ou MSA)"),
    "numero_allocataire": (("NUMDEMRSA", "MATRICULE"), "numéro allocataire"),
    "nom": (("NOMNAI", "NOM"), "nom de naissance"),
    "prenom": (("PRENOM",), "prénom"),
    "date_naissance": (("DTNAI",), "date de naissance"),
    "commune": (("CODE_INSEE", "COMMUNE"), "code INSEE de la commune"),
    "date_ouverture_droit": (("DTOUVDRT",), "date d'ouverture de droit"),
    "qualite": (("QUALITE",), "qualité (DEM ou CJT)"),
}
COLONNES_FACULTATIVES = {"sexe": (("SEXE",), "sexe (F ou M)")}


class FichierInvalide(Exception):
    """The whole file is refused (not a CSV, empty, a missing column…): nothing is written."""


def normaliser_en_tete(nom: str) -> str:
    return normaliser(nom.replace("\ufeff", "")).upper().replace(" ", "_")


@dataclass
class EnTete:
    """Where each field sits in a line, resolved once from the header."""

    noms: list[str]
    positions: dict[str, int]
    noms_colonnes: dict[str, str]  # field → the column name as written in this file

    @classmethod
    def lire(cls, noms: list[str]) -> "EnTete":
        normalises = [normaliser_en_tete(n) for n in noms]
        positions, noms_colonnes, manquantes = {}, {}, []
        for champ, (alias, description) in {**COLONNES, **COLONNES_FACULTATIVES}.items():
            for nom in alias:
                if nom in normalises:
                    positions[champ] = normalises.index(nom)
                    noms_colonnes[champ] = nom
                    break
            else:
                if champ in COLONNES:
                    manquantes.append(" ou ".join(alias) + f" ({description})")
        if len(manquantes) == len(COLONNES):
            raise FichierInvalide(
                "Ligne 1 (en-tête) : aucune des colonnes attendues n'a été trouvée. Ce fichier n'est pas "
                "un fichier des entrants CAF/MSA au format CSV (voir le format attendu)."
            )
        if manquantes:
            pluriel = "s" if len(manquantes) > 1 else ""
            raise FichierInvalide(
                f"Ligne 1 (en-tête) : colonne{pluriel} obligatoire{pluriel} absente{pluriel} : "
                + " ; ".join(manquantes)
                + "."
            )
        return cls(noms=noms, positions=positions, noms_colonnes=noms_colonnes)


@dataclass
class LigneValide:
    numero_ligne: int
    organisme: str
    numero_allocataire: str
    qualite: str
    nom: str
    prenom: str
    date_naissance: datetime.date
    commune_id: int
    mdd_id: int
    date_ouverture_droit: datetime.date
    sexe: str
    # Told by the XML flow only (None: the CSV says nothing of the right's state, which is left as it is).
    etat_droit: str | None = None
    motif_etat_droit: str = ""
    date_etat_droit: datetime.date | None = None
    lieu: str = ""  # where the record sits when it is not a line (XML: the household and the member)

    @property
    def cle(self) -> tuple[str, str, str]:
        return (self.organisme, self.numero_allocataire, self.qualite)


@dataclass
class LigneRefusee:
    numero_ligne: int
    erreurs: list[tuple[str, str]]  # (colonne, message)
    valeurs: list[str] = field(default_factory=list)
    numero_allocataire: str = ""
    lieu: str = ""

    @property
    def colonnes(self) -> str:
        return ", ".join(colonne for colonne, _ in self.erreurs)

    @property
    def motif(self) -> str:
        return " ; ".join(f"colonne {colonne} : {message}" if colonne else message for colonne, message in self.erreurs)

    @property
    def message(self) -> str:
        return f"{self.lieu or f'Ligne {self.numero_ligne}'}, {self.motif}"


@dataclass
class LigneIgnoree:
    """A record read and understood that concerns nobody to follow (XML: a right refused or still pending)."""

    numero_ligne: int
    motif: str
