import unicodedata


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
