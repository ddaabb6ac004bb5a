"""French mobile numbers, the only ones an SMS goes to: 06 or 07, written in any usual way."""

import re

MOBILE = re.compile(r"^0[67][0-9]{8}$")


def mobile_francais(texte: str) -> str | None:
    """ "06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678", "33612345678" → "+33612345678"; anything else → None."""
    chiffres = re.sub(r"[\s.\-()]", "", texte or "")
    if chiffres.startswith("+33"):
        chiffres = "0" + chiffres[3:]
    elif chiffres.startswith("0033"):
        chiffres = "0" + chiffres[4:]
    elif chiffres.startswith("33") and len(chiffres) == 11:
        # As providers write it back in their callbacks (Brevo: "33612345678").
        chiffres = "0" + chiffres[2:]
    if not MOBILE.match(chiffres):
        return None
    return "+33" + chiffres[1:]
