"""Streamed reading of the CAF/MSA XML flow of RSA beneficiaries ("flux bénéficiaires", root element Racine).

The subset read is described in the README (« Flux bénéficiaires CAF/MSA (XML) »): per household
(InfosFoyerRSA) its organism and file number, the date of the application, the commune of its address and the
state of its right with the motif and date of a suspension or a closure; per member (Personne) whose RSA role
is demandeur or conjoint, the birth name, first name, birth date and sex. Children and other members are
not followed by the pact and are skipped.

Memory stays flat: the document is parsed by chunks (XMLPullParser) and each household is dropped from the
tree once read. No DTD is accepted (so no entity can be declared: no "billion laughs", no external entity),
and only UTF-8 or Latin-1 documents are read, so that the DTD check cannot be dodged by another encoding.
A malformed document is refused as a whole, with its line and column, before anything is written.
"""

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from parcours.imports.format import FichierInvalide, LigneIgnoree, LigneRefusee, LigneValide
from parcours.imports.validation import Controle, lire_date

TAILLE_MORCEAU = 256 * 1024
RACINE = "Racine"
FOYER = "InfosFoyerRSA"
ROLES = {"DEM": "DEM", "CJT": "CJT"}
# ETATDOSRSA → (our state, where its motif and date are, or None when the right is neither open nor closed).
ETATS = {
    "0": None,  # new application waiting for the département's decision
    "1": None,  # right refused
    "2": ("ouvert", None),
    "3": ("suspendu", ("SuspensionDroit", "MOTISUSDRORSA", "DDSUSDRORSA")),
    "4": ("suspendu", ("SuspensionVersement", "MOTISUSVERSRSA", "DDSUSVERSRSA")),
    "5": ("radie", ("FinDroit", "MOTICLORSA", "DTCLORSA")),
    "6": ("radie", ("FinDroitMoisAnterieur", "MOTICLORSA", "DTCLORSA")),
}
MOTIFS = {
    "01": "ressources trop élevées",
    "02": "moins de 25 ans sans enfant ni personne à charge",
    "03": "activité non conforme",
    "04": "titre de séjour non valide",
    "05": "RSA inférieur au seuil de versement",
    "06": "déclaration trimestrielle de ressources non fournie",
    "09": "résidence non conforme",
    "19": "pas d'isolement",
    "31": "prestation exclue (affiliation partielle)",
    "34": "régime non conforme",
    "35": "demande d'avantage vieillesse absente ou tardive",
    "36": "titre de séjour absent",
    "44": "hospitalisation",
    "70": "action non engagée",
    "78": "surface pondérée supérieure au plafond ou inconnue",
    "84": "droit éteint",
    "85": "pas d'allocataire",
    "97": "bénéficiaire de l'AAH réduite",
    "AB": "allocataire absent du foyer",
    "CV": "attente de la décision du président du conseil départemental",
    "CZ": "activité antérieure insuffisante",
    "DA": "activité antérieure absente",
    "DB": "étudiant à la rémunération insuffisante",
    "DC": "activité antérieure non conforme",
    "PCG": "décision du président du conseil départemental",
    "ECH": "échéance (quatre mois sans droit)",
    "EFF": "annulation de la bascule RMI/API",
    "MUT": "mutation du dossier vers un autre organisme",
    "RGD": "regroupement de dossiers",
    "RFD": "radié, fin de droit",
    "RAU": "radié, autre motif",
    "RST": "radié, option RSTA (outre-mer)",
    "RSO": "radié, option RSO (outre-mer)",
}
# The columns of the CSV format, in order: the refused members are written back as lines of a CSV file that can
# be corrected and uploaded again.
EN_TETE_CSV = ["ORGANISME", "NUMDEMRSA", "NOMNAI", "PRENOM", "DTNAI", "CODE_INSEE", "DTOUVDRT", "QUALITE", "SEXE"]


def est_du_xml(debut: bytes) -> bool:
    return debut.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


class LecteurXML:
    def __init__(self, flux):
        self.flux = flux
        debut = flux.read(4096)
        flux.seek(0)
        if b"\x00" in debut:
            raise FichierInvalide(
                "Le flux XML doit être encodé en UTF-8 ou en Latin-1 (ISO-8859-1) : ce fichier utilise un autre "
                "encodage (UTF-16 ?)."
            )
        self.date_flux = None

    def verifier(self) -> None:
        """Read the whole document once, without keeping it: a malformed one is refused before any write."""
        for _ in self._foyers():
            pass
        self.flux.seek(0)

    def membres(self, ref) -> Iterator[tuple[int, LigneValide | LigneRefusee | LigneIgnoree]]:
        """Yield (member number, record) for each demandeur and conjoint, numbered from 1 through the file."""
        ordinal = 0
        for numero_foyer, foyer in enumerate(self._foyers(), start=1):
            commun = _foyer(foyer, numero_foyer)
            for personne in foyer.iterfind("Personne"):
                role = _role(personne)
                if role not in ROLES:
                    continue
                ordinal += 1
                yield ordinal, _membre(ordinal, commun, personne, role, ref, self.date_flux)

    def _foyers(self) -> Iterator[ET.Element]:
        self.flux.seek(0)
        parseur = ET.XMLPullParser(events=("start", "end"))
        racine, profondeur, prologue = None, 0, b""
        try:
            for morceau in iter(lambda: self.flux.read(TAILLE_MORCEAU), b""):
                if racine is None:
                    prologue += morceau
                    _refuser_une_dtd(prologue)
                parseur.feed(morceau)
                for evenement, element in parseur.read_events():
                    if evenement == "start":
                        profondeur += 1
                        if racine is None:
                            racine = _racine(element)
                        continue
                    profondeur -= 1
                    if profondeur == 1:
                        if element.tag == FOYER:
                            yield element
                        elif element.tag == "IdentificationFlux":
                            self.date_flux = element.findtext("DTREF") or element.findtext("DTCREAFLUX")
                        racine.remove(element)
            parseur.close()
        except ET.ParseError as exc:
            ligne, colonne = exc.position
            raise FichierInvalide(
                f"Le fichier XML est mal formé à la ligne {ligne}, colonne {colonne} : il a peut-être été tronqué "
                "ou modifié. Rien n'a été enregistré ; demandez un nouvel envoi du flux."
            ) from None
        if racine is None:
            raise FichierInvalide("Le fichier XML est vide : il ne contient aucun élément.")


def _refuser_une_dtd(prologue: bytes) -> None:
    if b"<!DOCTYPE" in prologue or b"<!ENTITY" in prologue:
        raise FichierInvalide(
            "Le fichier XML contient une déclaration de type de document (DOCTYPE) ou d'entités : un flux CAF/MSA "
            "n'en contient pas, et elles ne sont pas acceptées par sécurité. Rien n'a été enregistré."
        )


def _racine(element: ET.Element) -> ET.Element:
    if element.tag != RACINE:
        raise FichierInvalide(
            f"Ce document XML n'est pas un flux bénéficiaires CAF/MSA : son élément racine est « {element.tag[:50]} » "
            f"au lieu de « {RACINE} »."
        )
    return element


def _texte(element: ET.Element, chemin: str) -> str:
    return (element.findtext(chemin) or "").strip()


def _role(personne: ET.Element) -> str:
    for prestations in personne.iterfind("Prestations"):
        if _texte(prestations, "NATPREST") == "RSA":
            return _texte(prestations, "ROLEPERS").upper()
    return ""


def _foyer(foyer: ET.Element, numero: int) -> dict:
    """What the members of a household share: organism, file number, dates, commune, right."""
    matricule = _texte(foyer, "IdentificationRSA/Organisme/MATRICULE")
    code = _texte(foyer, "IdentificationRSA/Organisme/FONORG")
    situation = foyer.find("PrestationRSA/SituationDossierRSA")
    etat = _texte(situation, "EtatDossierRSA/ETATDOSRSA") if situation is not None else ""
    droit, motif, date = ETATS.get(etat, "inconnu"), "", ""
    if droit not in (None, "inconnu") and droit[1]:
        bloc, champ_motif, champ_date = droit[1]
        code_motif = _texte(situation, f"{bloc}/{champ_motif}").upper()
        motif = f"{code_motif} — {MOTIFS.get(code_motif, 'motif non détaillé')}" if code_motif else ""
        date = _texte(situation, f"{bloc}/{champ_date}")
    # A 15-digit MATRICULE is the file number padded with zeros: the CSV and the people already known use
    # the number itself (7 digits at least).
    numero_dossier = matricule.lstrip("0").zfill(7) if matricule.isdigit() else matricule
    return {
        "lieu": f"Foyer n° {numero}" + (f" (matricule {matricule})" if matricule else ""),
        "organisme": code,
        "matricule": numero_dossier,
        "date_demande": _texte(foyer, "IdentificationRSA/DemandeRSA/DTDEMRSA"),
        "commune": _texte(foyer, "DonneesAdministratives/Adresse/NUMCOM"),
        "etat": etat,
        "droit": droit,
        "motif": motif,
        "date_etat": date,
    }


def _membre(ordinal, commun, personne, role, ref, date_flux):
    brut = {
        "nom": _texte(personne, "Identification/NOMNAI") or _texte(personne, "Identification/NOM"),
        "prenom": _texte(personne, "Identification/PRENOM"),
        "date_naissance": _texte(personne, "Identification/DTNAI"),
        "sexe": _texte(personne, "Identification/SEXE"),
    }
    lieu = f"{commun['lieu']}, {'demandeur' if role == 'DEM' else 'conjoint'}"
    valeurs = [
        commun["organisme"],
        commun["matricule"],
        brut["nom"],
        brut["prenom"],
        brut["date_naissance"],
        commun["commune"],
        commun["date_demande"],
        role,
        brut["sexe"],
    ]
    if commun["droit"] is None:
        return LigneIgnoree(ordinal, f"droit refusé ou en attente de décision (ETATDOSRSA {commun['etat']})")
    c = Controle(ref)
    if commun["droit"] == "inconnu":
        c.erreur("ETATDOSRSA", f"« {commun['etat']} » n'est pas un état de droit connu (0 à 6)")
    organisme = c.organisme("FONORG", commun["organisme"])
    numero = c.numero("MATRICULE", commun["matricule"], organisme)
    nom = c.texte("NOMNAI", brut["nom"], "nom de naissance")
    prenom = c.texte("PRENOM", brut["prenom"], "prénom")
    date_naissance = c.date_naissance("DTNAI", brut["date_naissance"])
    date_ouverture = c.date_ouverture("DTDEMRSA", commun["date_demande"], date_naissance)
    commune = c.commune("NUMCOM", commun["commune"])
    sexe = c.sexe("SEXE", brut["sexe"])
    date_etat = _date_etat(c, commun, date_flux)
    if c.erreurs:
        return LigneRefusee(ordinal, c.erreurs, valeurs, numero, lieu=lieu)
    return LigneValide(
        numero_ligne=ordinal,
        organisme=organisme,
        numero_allocataire=numero,
        qualite="demandeur" if role == "DEM" else "conjoint",
        nom=nom,
        prenom=prenom,
        date_naissance=date_naissance,
        commune_id=commune[0],
        mdd_id=commune[1],
        date_ouverture_droit=date_ouverture,
        sexe=sexe,
        etat_droit=commun["droit"][0],
        motif_etat_droit=commun["motif"][:200],
        date_etat_droit=date_etat,
        lieu=lieu,
    )


def _date_etat(c: Controle, commun: dict, date_flux):
    """The date of a suspension or closure as written in the flow; for an open right, the flow's date."""
    du_flux = not commun["date_etat"]
    brut = (date_flux or "") if du_flux else commun["date_etat"]
    if not brut:
        return None
    date = lire_date(brut)
    if date is None and not du_flux:
        c.erreur("date de l'état du droit", f"« {brut} » n'est pas une date (AAAA-MM-JJ attendu)")
    return date
