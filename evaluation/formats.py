"""French display of figures, shared by pages, PDF and CSV exports."""

import datetime
from decimal import Decimal

SUFFIXES = {"%": " %", "jours": " j", "€": " €"}


def nombre_fr(valeur) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, int):
        return f"{valeur:,}".replace(",", "\u202f")
    valeur = Decimal(valeur)
    signe = "-" if valeur < 0 else ""
    entier, _, decimales = f"{abs(valeur):f}".partition(".")
    entier = f"{int(entier):,}".replace(",", "\u202f")
    return signe + entier + ("," + decimales if decimales else "")


def valeur_fr(valeur, unite: str) -> str:
    if valeur is None:
        return "non disponible"
    return nombre_fr(valeur) + SUFFIXES.get(unite, "")


def date_fr(valeur) -> str:
    if isinstance(valeur, str):
        valeur = datetime.date.fromisoformat(valeur[:10])
    return valeur.strftime("%d/%m/%Y") if valeur else ""
