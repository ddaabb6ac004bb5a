import unicodedata
from decimal import Decimal


def normaliser(texte: str) -> str:
    """Lower case, no accents, single spaces: the form names are searched and compared in."""
    decomposed = unicodedata.normalize("NFKD", texte or "")
    sans_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(sans_accents.lower().replace("-", " ").replace("'", " ").split())


def jour(valeur) -> str:
    """A date (or a datetime, already in local time) as 28/11/2026: what |date:"d/m/Y" prints, without Django's
    generic formatter (about 15 times as expensive, and a list page prints a hundred dates)."""
    try:
        return f"{valeur.day:02d}/{valeur.month:02d}/{valeur.year:04d}"
    except AttributeError:
        return ""


ESPACE_MILLIERS = "\u202f"  # narrow no-break space: the French thousands separator
ESPACE_INSECABLE = "\u00a0"


def _groupes(entier: int) -> str:
    return f"{entier:,}".replace(",", ESPACE_MILLIERS)


def montant(valeur) -> str:
    """An amount in euros, French way: 143 000,00 €. Empty for None (the page says «non disponible» itself)."""
    if valeur is None or valeur == "":
        return ""
    centimes = round(Decimal(valeur) * 100)
    signe = "-" if centimes < 0 else ""
    euros, reste = divmod(abs(centimes), 100)
    return f"{signe}{_groupes(euros)},{reste:02d}{ESPACE_INSECABLE}€"


def heures(valeur) -> str:
    """Hours without a useless decimal: 15 h, 7,5 h (never «15.0 h»)."""
    if valeur is None or valeur == "":
        return ""
    nombre = Decimal(valeur).normalize()
    texte = f"{nombre:f}".replace(".", ",")
    return f"{texte}{ESPACE_INSECABLE}h"


def pluriel(nombre, singulier: str, pluriel_: str | None = None) -> str:
    """The word that goes with `nombre` (French: 0 and 1 take the singular): no «contrat(s)»."""
    if pluriel_ is None:
        pluriel_ = singulier + "s"
    return singulier if (nombre or 0) <= 1 else pluriel_
