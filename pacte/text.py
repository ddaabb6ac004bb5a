import unicodedata


def normaliser(texte: str) -> str:
    """Lower case, no accents, single spaces: the form names are searched and compared in."""
    decomposed = unicodedata.normalize("NFKD", texte or "")
    sans_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(sans_accents.lower().replace("-", " ").replace("'", " ").split())
