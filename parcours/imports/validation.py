"""The validation of one person's record, shared by the CSV file (one line) and the XML flow (one member).

Each check returns the clean value or adds a French message naming the column and quoting the value as
written in the file. The format and the rules are described in parcours.imports.format.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from pacte.models import Commune, Pacte
from parcours.choices import OrganismePayeur, Qualite, Sexe
from parcours.imports.format import COLONNES, EnTete, LigneRefusee, LigneValide

ORGANISMES = {"CAF": OrganismePayeur.CAF, "MSA": OrganismePayeur.MSA}
QUALITES = {"DEM": Qualite.DEMANDEUR, "CJT": Qualite.CONJOINT}
SEXES = {"F": Sexe.FEMME, "2": Sexe.FEMME, "M": Sexe.HOMME, "H": Sexe.HOMME, "1": Sexe.HOMME}
NUMERO = {OrganismePayeur.CAF: re.compile(r"^[0-9]{7}$"), OrganismePayeur.MSA: re.compile(r"^[0-9]{7,13}$")}
FORMAT_NUMERO = {OrganismePayeur.CAF: "7 chiffres (CAF)", OrganismePayeur.MSA: "7 à 13 chiffres (MSA)"}
DATE_MIN = datetime.date(1900, 1, 1)
CODE_INSEE = re.compile(r"[0-9]{5}|2[AB][0-9]{3}")
# The first characters of a commune's code INSEE: a département of metropolitan France (01 to 95, Corsica as
# 2A / 2B since 1976) or of overseas (971 to 976). Anything else (99…: a foreign country, 00…, 20…, 96…) is
# no commune at all.
DEPARTEMENT_DE_COMMUNE = re.compile(r"(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])[0-9]{3}|97[1-6][0-9]{2}")
ILLISIBLE = "caractères illisibles : enregistrez le fichier en UTF-8 ou en Latin-1 sans le modifier"


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


class Controle:
    """Collects the errors of one record; `brut` is a value as written, `colonne` the column's name in the file."""

    def __init__(self, ref: Referentiel):
        self.ref = ref
        self.erreurs: list[tuple[str, str]] = []

    def erreur(self, colonne: str, message: str) -> None:
        self.erreurs.append((colonne, message))

    def organisme(self, colonne: str, brut: str):
        organisme = ORGANISMES.get(brut.strip().upper())
        if organisme is None:
            self.erreur(colonne, f"« {brut} » n'est pas un organisme connu (CAF ou MSA)")
        return organisme

    def numero(self, colonne: str, brut: str, organisme) -> str:
        numero = brut.strip().replace(" ", "")
        if not numero:
            self.erreur(colonne, "le numéro allocataire est vide")
        elif organisme and not NUMERO[organisme].match(numero):
            self.erreur(colonne, f"le numéro allocataire « {brut.strip()} » doit compter {FORMAT_NUMERO[organisme]}")
        elif not organisme and not NUMERO[OrganismePayeur.MSA].match(numero):
            self.erreur(colonne, f"le numéro allocataire « {brut.strip()} » doit compter 7 à 13 chiffres")
        return numero

    def qualite(self, colonne: str, brut: str):
        qualite = QUALITES.get(brut.strip().upper())
        if qualite is None:
            self.erreur(colonne, f"« {brut} » n'est pas une qualité connue (DEM ou CJT)")
        return qualite

    def texte(self, colonne: str, brut: str, description: str) -> str:
        texte = brut.strip()
        if not texte:
            self.erreur(colonne, f"le {description} est vide")
        elif len(texte) > 150:
            self.erreur(colonne, f"le {description} dépasse 150 caractères")
        return texte

    def date_naissance(self, colonne: str, brut: str):
        date = lire_date(brut)
        if date is None:
            self.erreur(colonne, f"« {brut} » n'est pas une date (JJ/MM/AAAA attendu)")
        elif date > self.ref.aujourdhui:
            self.erreur(colonne, f"la date de naissance {date:%d/%m/%Y} est dans le futur")
        elif date < DATE_MIN:
            self.erreur(colonne, f"la date de naissance {date:%d/%m/%Y} est avant 1900")
        else:
            return date
        return None

    def date_ouverture(self, colonne: str, brut: str, date_naissance):
        date = lire_date(brut)
        if date is None:
            self.erreur(colonne, f"« {brut} » n'est pas une date (JJ/MM/AAAA attendu)")
        elif date > self.ref.aujourdhui:
            self.erreur(colonne, f"la date d'ouverture de droit {date:%d/%m/%Y} est dans le futur")
        elif date_naissance and date < date_naissance:
            self.erreur(colonne, "la date d'ouverture de droit précède la date de naissance")
        return date

    def commune(self, colonne: str, brut: str):
        code = brut.strip().upper()
        commune = self.ref.communes.get(code)
        if commune is not None:
            return commune
        if not CODE_INSEE.fullmatch(code):
            self.erreur(colonne, f"« {brut} » n'est pas un code INSEE (5 caractères, ex. 87085)")
        elif not DEPARTEMENT_DE_COMMUNE.fullmatch(code):
            self.erreur(colonne, f"le code INSEE « {brut} » ne correspond à aucune commune")
        elif self.ref.departement and not code.startswith(self.ref.departement):
            self.erreur(
                colonne,
                f"la commune « {brut} » est hors du département ({self.ref.departement}) : "
                "la personne relève d'un autre département",
            )
        else:
            self.erreur(colonne, f"le code INSEE « {brut} » n'est pas une commune connue du référentiel du département")
        return None

    def sexe(self, colonne: str, brut: str) -> str:
        if not brut.strip():
            return ""
        sexe = SEXES.get(brut.strip().upper())
        if sexe is None:
            self.erreur(colonne, f"« {brut} » n'est pas un sexe connu (F ou M)")
        return sexe or ""


def valider_ligne(numero_ligne: int, valeurs: list[str], en_tete: EnTete, ref: Referentiel):
    """Return a LigneValide, or a LigneRefusee naming the line and each wrong column."""
    if len(valeurs) != len(en_tete.noms):
        return LigneRefusee(
            numero_ligne,
            [("", f"{len(valeurs)} valeurs au lieu de {len(en_tete.noms)} (vérifiez le séparateur et les guillemets)")],
            valeurs,
        )
    col = en_tete.noms_colonnes

    def brut(champ):
        return valeurs[en_tete.positions[champ]] if champ in en_tete.positions else ""

    c = Controle(ref)
    for champ in en_tete.positions:
        if "\ufffd" in brut(champ):
            c.erreur(col[champ], ILLISIBLE)
    organisme = c.organisme(col["organisme"], brut("organisme"))
    numero = c.numero(col["numero_allocataire"], brut("numero_allocataire"), organisme)
    qualite = c.qualite(col["qualite"], brut("qualite"))
    nom = c.texte(col["nom"], brut("nom"), COLONNES["nom"][1])
    prenom = c.texte(col["prenom"], brut("prenom"), COLONNES["prenom"][1])
    date_naissance = c.date_naissance(col["date_naissance"], brut("date_naissance"))
    date_ouverture = c.date_ouverture(col["date_ouverture_droit"], brut("date_ouverture_droit"), date_naissance)
    commune = c.commune(col["commune"], brut("commune"))
    sexe = c.sexe(col["sexe"], brut("sexe")) if "sexe" in en_tete.positions else ""
    if c.erreurs:
        return LigneRefusee(numero_ligne, c.erreurs, valeurs, numero)
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
