"""Import of a partner list from CSV (`;` or `,`, UTF-8 or Latin-1), with a dry run listing errors by line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from pacte.models import Commune
from partenaires.models import Partenaire
from partenaires.models.structures import NaturePartenaire

COLONNES = ["siret", "raison_sociale", "nature", "adresse", "code_insee", "site_web"]
OBLIGATOIRES = ["siret", "raison_sociale", "nature"]


@dataclass
class RapportImport:
    valides: list[Partenaire] = field(default_factory=list)
    erreurs: list[tuple[int, str]] = field(default_factory=list)  # (line number in the file, message)
    crees: int = 0

    @property
    def nb_lignes(self) -> int:
        return len(self.valides) + len({ligne for ligne, _ in self.erreurs})


def decoder(contenu: bytes) -> str:
    try:
        return contenu.decode("utf-8-sig")
    except UnicodeDecodeError:
        return contenu.decode("latin-1")


def _nature(valeur: str) -> str | None:
    valeur = valeur.strip()
    for code, libelle in NaturePartenaire.choices:
        if valeur.lower() in (code, libelle.lower()):
            return code
    return None


def analyser(contenu: bytes) -> RapportImport:
    """Check every line; nothing is written. Line numbers count the header as line 1."""
    rapport = RapportImport()
    texte = decoder(contenu)
    if "\x00" in texte:
        # A NUL byte: not a text file, and PostgreSQL refuses it in a text column.
        ligne = texte.count("\n", 0, texte.index("\x00")) + 1
        rapport.erreurs.append((ligne, "Caractère nul (octet 0) : ce fichier n'est pas un fichier CSV texte."))
        return rapport
    premiere = texte.splitlines()[0] if texte.strip() else ""
    separateur = ";" if premiere.count(";") >= premiere.count(",") else ","
    lecteur = csv.DictReader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        _analyser_lignes(lecteur, rapport)
    except csv.Error:
        # A line the CSV reader cannot cut (a field over its size limit...): the file is refused as a whole.
        rapport.valides.clear()
        rapport.erreurs.append(
            (
                lecteur.line_num or 1,
                "Ligne illisible : un champ dépasse la taille permise ou un guillemet n'est pas refermé.",
            )
        )
    return rapport


def _analyser_lignes(lecteur, rapport):
    entetes = [(e or "").strip().lower() for e in (lecteur.fieldnames or [])]
    manquantes = [c for c in OBLIGATOIRES if c not in entetes]
    if manquantes:
        rapport.erreurs.append(
            (
                1,
                f"Colonnes obligatoires absentes : {', '.join(manquantes)}. "
                f"Colonnes attendues : {', '.join(COLONNES)}.",
            )
        )
        return
    lecteur.fieldnames = entetes
    communes = dict(Commune.objects.values_list("code_insee", "pk"))
    existants = set(Partenaire.objects.values_list("siret", flat=True))
    vus: dict[str, int] = {}
    for numero, ligne in enumerate(lecteur, start=2):
        valeurs = {cle: (ligne.get(cle) or "").strip() for cle in COLONNES}
        siret = valeurs["siret"].replace(" ", "")
        messages = []
        nature = _nature(valeurs["nature"])
        if valeurs["nature"] and nature is None:
            messages.append(f"nature « {valeurs['nature']} » inconnue")
        commune_id = None
        if valeurs["code_insee"]:
            commune_id = communes.get(valeurs["code_insee"])
            if commune_id is None:
                messages.append(f"commune de code INSEE « {valeurs['code_insee']} » inconnue")
        if siret in existants:
            messages.append(f"le SIRET {siret} est déjà enregistré")
        elif siret in vus:
            messages.append(f"le SIRET {siret} figure déjà à la ligne {vus[siret]}")
        partenaire = Partenaire(
            siret=siret,
            raison_sociale=valeurs["raison_sociale"],
            nature=nature or "",
            adresse=valeurs["adresse"],
            commune_id=commune_id,
            site_web=valeurs["site_web"],
        )
        try:
            partenaire.full_clean(exclude=["commune"], validate_unique=False)
        except ValidationError as erreur:
            for champ, liste in erreur.message_dict.items():
                if champ == "nature" and valeurs["nature"] and nature is None:
                    continue
                libelle = {"siret": "SIRET", "raison_sociale": "raison sociale", "site_web": "site internet"}.get(
                    champ, champ
                )
                messages += [f"{libelle} : {message}" for message in liste]
        if messages:
            rapport.erreurs.append((numero, " ; ".join(messages)))
        else:
            vus[siret] = numero
            rapport.valides.append(partenaire)


@transaction.atomic
def importer(contenu: bytes, *, simulation: bool = True) -> RapportImport:
    """Dry run by default. A real import writes the valid lines only when the file has no error."""
    rapport = analyser(contenu)
    if not simulation and not rapport.erreurs:
        rapport.crees = len(Partenaire.objects.bulk_create(rapport.valides))
    return rapport
