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
import re
from dataclasses import dataclass, field

from django.utils import timezone

from pacte.models import Commune, Pacte
from pacte.text import normaliser
from parcours.choices import OrganismePayeur, Qualite, Sexe

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

ORGANISMES = {"CAF": OrganismePayeur.CAF, "MSA": OrganismePayeur.MSA}
QUALITES = {"DEM": Qualite.DEMANDEUR, "CJT": Qualite.CONJOINT}
SEXES = {"F": Sexe.FEMME, "2": Sexe.FEMME, "M": Sexe.HOMME, "H": Sexe.HOMME, "1": Sexe.HOMME}
NUMERO = {OrganismePayeur.CAF: re.compile(r"^[0-9]{7}$"), OrganismePayeur.MSA: re.compile(r"^[0-9]{7,13}$")}
FORMAT_NUMERO = {OrganismePayeur.CAF: "7 chiffres (CAF)", OrganismePayeur.MSA: "7 à 13 chiffres (MSA)"}
DATE_MIN = datetime.date(1900, 1, 1)


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

    @property
    def cle(self) -> tuple[str, str, str]:
        return (self.organisme, self.numero_allocataire, self.qualite)


@dataclass
class LigneRefusee:
    numero_ligne: int
    erreurs: list[tuple[str, str]]  # (colonne, message)
    valeurs: list[str] = field(default_factory=list)
    numero_allocataire: str = ""

    @property
    def colonnes(self) -> str:
        return ", ".join(colonne for colonne, _ in self.erreurs)

    @property
    def motif(self) -> str:
        return " ; ".join(f"colonne {colonne} : {message}" if colonne else message for colonne, message in self.erreurs)

    @property
    def message(self) -> str:
        return f"Ligne {self.numero_ligne}, {self.motif}"


def lire_date(texte: str) -> datetime.date | None:
    texte = texte.strip()
    try:
        if len(texte) == 10 and texte[2] == "/" and texte[5] == "/":
            return datetime.date(int(texte[6:]), int(texte[3:5]), int(texte[:2]))
        if len(texte) == 10 and texte[4] == "-" and texte[7] == "-":
            return datetime.date(int(texte[:4]), int(texte[5:7]), int(texte[8:]))
        if len(texte) == 8 and texte.isdigit():
            return datetime.date(int(texte[:4]), int(texte[4:6]), int(texte[6:]))
    except ValueError:
        return None
    return None


@dataclass
class Referentiel:
    """Communes of the département (code INSEE → (id, MDD id)), loaded once per import."""

    communes: dict[str, tuple[int, int]]
    departement: str
    aujourdhui: datetime.date

    @classmethod
    def charger(cls, aujourdhui: datetime.date | None = None) -> "Referentiel":
        communes = {
            code: (pk, mdd_id) for code, pk, mdd_id in Commune.objects.values_list("code_insee", "pk", "mdd_id")
        }
        pacte = Pacte.courant()
        departement = pacte.departement_code if pacte else ""
        return cls(communes=communes, departement=departement, aujourdhui=aujourdhui or timezone.localdate())


def valider_ligne(numero_ligne: int, valeurs: list[str], en_tete: EnTete, ref: Referentiel):
    """Return a LigneValide, or a LigneRefusee naming the line and each wrong column."""
    if len(valeurs) != len(en_tete.noms):
        return LigneRefusee(
            numero_ligne,
            [("", f"{len(valeurs)} valeurs au lieu de {len(en_tete.noms)} (vérifiez le séparateur et les guillemets)")],
            valeurs,
        )
    erreurs: list[tuple[str, str]] = []
    col = en_tete.noms_colonnes

    def valeur(champ):
        return valeurs[en_tete.positions[champ]].strip() if champ in en_tete.positions else ""

    for champ in en_tete.positions:
        if "\ufffd" in valeurs[en_tete.positions[champ]]:
            erreurs.append(
                (col[champ], "caractères illisibles : enregistrez le fichier en UTF-8 ou en Latin-1 sans le modifier")
            )
    organisme = ORGANISMES.get(valeur("organisme").upper())
    if organisme is None:
        erreurs.append((col["organisme"], f"« {valeur('organisme')} » n'est pas un organisme connu (CAF ou MSA)"))
    numero = valeur("numero_allocataire").replace(" ", "")
    if not numero:
        erreurs.append((col["numero_allocataire"], "le numéro allocataire est vide"))
    elif organisme and not NUMERO[organisme].match(numero):
        erreurs.append(
            (col["numero_allocataire"], f"le numéro allocataire « {numero} » doit compter {FORMAT_NUMERO[organisme]}")
        )
    elif not organisme and not NUMERO[OrganismePayeur.MSA].match(numero):
        erreurs.append((col["numero_allocataire"], f"le numéro allocataire « {numero} » doit compter 7 à 13 chiffres"))
    qualite = QUALITES.get(valeur("qualite").upper())
    if qualite is None:
        erreurs.append((col["qualite"], f"« {valeur('qualite')} » n'est pas une qualité connue (DEM ou CJT)"))
    nom, prenom = valeur("nom"), valeur("prenom")
    for champ, texte in (("nom", nom), ("prenom", prenom)):
        if not texte:
            erreurs.append((col[champ], f"le {COLONNES[champ][1]} est vide"))
        elif len(texte) > 150:
            erreurs.append((col[champ], f"le {COLONNES[champ][1]} dépasse 150 caractères"))
    date_naissance = lire_date(valeur("date_naissance"))
    if date_naissance is None:
        erreurs.append(
            (col["date_naissance"], f"« {valeur('date_naissance')} » n'est pas une date (JJ/MM/AAAA attendu)")
        )
    elif date_naissance > ref.aujourdhui:
        erreurs.append((col["date_naissance"], f"la date de naissance {date_naissance:%d/%m/%Y} est dans le futur"))
    elif date_naissance < DATE_MIN:
        erreurs.append((col["date_naissance"], f"la date de naissance {date_naissance:%d/%m/%Y} est avant 1900"))
    date_ouverture = lire_date(valeur("date_ouverture_droit"))
    if date_ouverture is None:
        erreurs.append(
            (
                col["date_ouverture_droit"],
                f"« {valeur('date_ouverture_droit')} » n'est pas une date (JJ/MM/AAAA attendu)",
            )
        )
    elif date_ouverture > ref.aujourdhui:
        erreurs.append(
            (col["date_ouverture_droit"], f"la date d'ouverture de droit {date_ouverture:%d/%m/%Y} est dans le futur")
        )
    elif date_naissance and date_naissance <= ref.aujourdhui and date_ouverture < date_naissance:
        erreurs.append((col["date_ouverture_droit"], "la date d'ouverture de droit précède la date de naissance"))
    code = valeur("commune").upper()
    commune = ref.communes.get(code)
    if commune is None:
        if not re.fullmatch(r"[0-9]{5}|2[AB][0-9]{3}", code):
            erreurs.append((col["commune"], f"« {code} » n'est pas un code INSEE (5 caractères, ex. 87085)"))
        elif ref.departement and not code.startswith(ref.departement):
            erreurs.append(
                (
                    col["commune"],
                    f"la commune {code} est hors du département ({ref.departement}) : "
                    "la personne relève d'un autre département",
                )
            )
        else:
            erreurs.append(
                (col["commune"], f"le code INSEE {code} n'est pas une commune connue du référentiel du département")
            )
    sexe = ""
    if "sexe" in en_tete.positions and valeur("sexe"):
        sexe = SEXES.get(valeur("sexe").upper())
        if sexe is None:
            erreurs.append((col["sexe"], f"« {valeur('sexe')} » n'est pas un sexe connu (F ou M)"))
    if erreurs:
        return LigneRefusee(numero_ligne, erreurs, valeurs, numero)
    return LigneValide(
        numero_ligne=numero_ligne,
        organisme=organisme,
        numero_allocataire=numero,
        qualite=qualite,
        nom=nom,
        prenom=prenom,
        date_naissance=date_naissance,
        commune_id=commune[0],
        mdd_id=commune[1],
        date_ouverture_droit=date_ouverture,
        sexe=sexe,
    )
