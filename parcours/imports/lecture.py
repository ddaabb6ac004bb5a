"""Streamed reading of the file: encoding and separator detection, then one line at a time."""

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator

from parcours.imports.format import FichierInvalide

TAILLE_ECHANTILLON = 64 * 1024
LIMITE_CHAMP = 10_000
# A line longer than this is refused without being kept in memory (a file of one endless line stays flat).
LIMITE_LIGNE = 64 * 1024
csv.field_size_limit(LIMITE_CHAMP)


def _motif_illisible(exc: csv.Error) -> str:
    if "field limit" in str(exc):
        return f"une valeur dépasse {LIMITE_CHAMP:_} caractères : la ligne n'a pas été lue".replace("_", " ")
    if "end of data" in str(exc):
        return "un guillemet ouvert n'est jamais fermé sur cette ligne : la ligne n'a pas été lue"
    return "guillemets mal placés (un guillemet doit entourer toute la valeur) : la ligne n'a pas été lue"


def detecter_encodage(echantillon: bytes) -> str:
    if not echantillon.strip():
        raise FichierInvalide("Le fichier est vide : il doit contenir une ligne d'en-tête puis une ligne par personne.")
    if echantillon.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in echantillon:
        raise FichierInvalide(
            "Le fichier n'est pas un fichier texte CSV (il contient des caractères binaires, ou il est encodé en "
            "UTF-16) : enregistrez-le au format CSV, encodé en UTF-8 ou en Latin-1."
        )
    try:
        echantillon.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # The sample may cut a multi-byte character at its very end: that is still UTF-8.
        if len(echantillon) == TAILLE_ECHANTILLON and exc.start >= len(echantillon) - 3:
            return "utf-8"
    try:
        echantillon.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


LIBELLES_ENCODAGE = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1252": "Latin-1 (Windows-1252)", "latin-1": "Latin-1"}


def detecter_separateur(ligne_en_tete: str) -> str:
    points_virgules, virgules = ligne_en_tete.count(";"), ligne_en_tete.count(",")
    if not points_virgules and not virgules:
        raise FichierInvalide(
            "Ligne 1 (en-tête) : aucun séparateur trouvé. Le fichier doit être un CSV dont les colonnes sont "
            "séparées par des points-virgules (;) ou des virgules (,)."
        )
    return ";" if points_virgules >= virgules else ","


class Lecteur:
    """Opens a binary, seekable stream; yields (line number, values) for each data line.

    Line 1 is the header; blank lines are skipped but keep their number, as in a spreadsheet.
    Memory stays flat: one line at a time.
    """

    def __init__(self, flux):
        self.flux = flux
        echantillon = flux.read(TAILLE_ECHANTILLON)
        self.encodage = detecter_encodage(echantillon)
        flux.seek(0)
        self.texte = io.TextIOWrapper(flux, encoding=self.encodage, errors="replace", newline="")
        premiere = self.texte.readline(TAILLE_ECHANTILLON)
        if not premiere.strip():
            raise FichierInvalide("Ligne 1 (en-tête) : la ligne d'en-tête est vide.")
        if not premiere.endswith(("\n", "\r")) and len(premiere) >= TAILLE_ECHANTILLON:
            raise FichierInvalide(
                "Ligne 1 (en-tête) : la ligne d'en-tête est anormalement longue. Ce fichier n'est pas un fichier "
                "des entrants au format CSV."
            )
        self.separateur = detecter_separateur(premiere)
        try:
            self.en_tete = next(csv.reader([premiere], delimiter=self.separateur, strict=True))
        except csv.Error as exc:
            raise FichierInvalide(f"Ligne 1 (en-tête) : {_motif_illisible(exc)}.") from None

    @property
    def libelle_encodage(self) -> str:
        return LIBELLES_ENCODAGE[self.encodage]

    def lignes(self) -> Iterator[tuple[int, list[str], str]]:
        """Yield (line number, values, error) for each non-blank data line; `error` is "" or why the line is
        unreadable. One physical line is one record: an unclosed quote, a value over the CSV limit or an endless
        line refuses only its own line, never the rest of the file, and is never raised mid-file."""
        numero = 1
        while True:
            texte = self.texte.readline(LIMITE_LIGNE)
            if not texte:
                return
            numero += 1
            if len(texte) >= LIMITE_LIGNE and not texte.endswith(("\n", "\r")):
                self._sauter_la_fin_de_ligne()
                yield (
                    numero,
                    [],
                    f"la ligne dépasse {LIMITE_LIGNE:_} caractères : elle n'a pas été lue".replace("_", " "),
                )
                continue
            if not texte.strip():
                continue
            try:
                valeurs = next(csv.reader((texte,), delimiter=self.separateur, strict=True))
            except csv.Error as exc:
                yield numero, [texte.rstrip("\r\n")], _motif_illisible(exc)
                continue
            if len(valeurs) == 1 and not valeurs[0].strip():
                continue
            yield numero, valeurs, ""

    def _sauter_la_fin_de_ligne(self):
        while True:
            reste = self.texte.readline(LIMITE_LIGNE)
            if not reste or reste.endswith(("\n", "\r")):
                return

    def detacher(self):
        """Give the binary stream back to its owner (TextIOWrapper would close it)."""
        self.texte.detach()


def empreinte_et_lignes(flux) -> tuple[str, int, int]:
    """SHA-256, size and a line count of a binary stream, read by chunks (flat memory)."""
    sha, taille, lignes = hashlib.sha256(), 0, 0
    flux.seek(0)
    for morceau in iter(lambda: flux.read(1024 * 1024), b""):
        sha.update(morceau)
        taille += len(morceau)
        lignes += morceau.count(b"\n")
    flux.seek(0)
    return sha.hexdigest(), taille, max(lignes - 1, 0)
