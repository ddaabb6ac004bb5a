"""Spreadsheet exports that no cell can turn into a formula (CSV/formula injection).

Names, titles and refused lines come from users and from imported files. A spreadsheet opening a CSV
cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return reads it as a formula
(`=HYPERLINK(...)` leaks data, `=cmd|...` runs a program): such a text gets a leading apostrophe, which
the spreadsheet shows as plain text. Real numbers and dates are values, never formulas: they pass
unchanged, so `-2` computed by the app stays a number while a title "-2" typed by a user is neutralised.

In XLSX the text keeps its exact spelling: the cell is typed as a string (openpyxl would otherwise store
any text starting with "=" as a formula) and carries Excel's own "quote prefix", so even editing the cell
does not revive the formula.
"""

from typing import Any

from openpyxl.cell.cell import Cell

DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def est_formule(valeur: Any) -> bool:
    return isinstance(valeur, str) and valeur.startswith(DEBUTS_DE_FORMULE)


def neutraliser_formule(valeur: Any) -> Any:
    """The text to write in a CSV cell: a formula-looking text gets a leading apostrophe.

    Anything that is not a text (number, date, None) is returned as is, for the caller to format."""
    if est_formule(valeur):
        return "'" + valeur
    return valeur


def ligne_csv(valeurs) -> list:
    """One CSV row, every text neutralised (for `csv.writer.writerow`)."""
    return [neutraliser_formule(v) for v in valeurs]


def ecrire_cellule(cellule: Cell, valeur: Any) -> Cell:
    """Set an openpyxl cell: a text is always stored as a text, never as a formula."""
    if isinstance(valeur, str):
        cellule.value = valeur
        cellule.data_type = "s"
        if est_formule(valeur):
            cellule.quotePrefix = True
        return cellule
    cellule.value = valeur
    return cellule


def ajouter_ligne(feuille, valeurs) -> tuple[Cell, ...]:
    """Append one row to an openpyxl sheet, every text kept a text; return the row's cells."""
    valeurs = list(valeurs)
    feuille.append(valeurs)
    ligne = feuille.max_row
    return tuple(
        ecrire_cellule(feuille.cell(row=ligne, column=colonne), valeur)
        for colonne, valeur in enumerate(valeurs, start=1)
    )
