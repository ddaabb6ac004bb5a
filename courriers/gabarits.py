"""The placeholder language of the letter templates: `{{ personne.nom }}` and nothing else.

Administrators write the templates; their text is never run as a Django template (which could reach any attribute
or tag). A template is plain text with named fields from the list below; an unknown field or a brace left open is
refused when the template is saved, with the list of the fields allowed. Values are inserted as text and the whole
is HTML-escaped before the paragraphs are drawn: no markup of the template or of a person's data reaches the page.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe

CHAMP = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")

CHAMPS = {
    "personne.civilite": "Madame, Monsieur, ou « Madame, Monsieur » si le sexe n'est pas connu",
    "personne.nom": "nom de famille",
    "personne.prenom": "prénom",
    "personne.numero_allocataire": "numéro allocataire",
    "personne.adresse": "adresse (rue)",
    "personne.commune": "code postal et commune",
    "mdd.nom": "MDD de la personne",
    "mdd.telephone": "téléphone de la MDD",
    "mdd.email": "adresse électronique de la MDD",
    "referent.nom": "référent unique",
    "rdv.date": "date du rendez-vous (lundi 7 décembre 2026)",
    "rdv.heure": "heure du rendez-vous (9 h 30)",
    "rdv.lieu": "site du rendez-vous",
    "rdv.adresse": "adresse du site",
    "rdv.professionnel": "professionnel du rendez-vous",
    "rdv.nature": "entretien individuel ou information collective",
    "lien": "lien personnel de prise de rendez-vous",
    "invitation.date_limite": "date de fin de validité du lien",
    "orientation.type": "type d'orientation",
    "orientation.organisme": "organisme référent",
    "orientation.date": "date de la décision d'orientation",
    "contrat.debut": "début du contrat d'engagement",
    "contrat.fin": "fin du contrat d'engagement",
    "contrat.objectifs": "objectifs du contrat",
    "contrat.heures": "heures d'activité par semaine",
    "departement.nom": "nom du département",
    "date_du_jour": "date du courrier",
}


def champs_de(texte: str) -> list[str]:
    return CHAMP.findall(texte)


def verifier(texte: str, libelle: str = "Le texte") -> None:
    """Refuse an unknown field or a stray brace, in French, before anything is saved."""
    inconnus = sorted({nom for nom in champs_de(texte) if nom not in CHAMPS})
    if inconnus:
        raise ValidationError(
            f"{libelle} contient un champ inconnu : "
            + ", ".join(f"{{{{ {nom} }}}}" for nom in inconnus)
            + ". Champs possibles : "
            + ", ".join(CHAMPS)
            + "."
        )
    reste = CHAMP.sub("", texte)
    if "{{" in reste or "}}" in reste or "{%" in reste:
        raise ValidationError(
            f"{libelle} contient des accolades qui ne forment pas un champ : écrivez {{{{ personne.nom }}}} "
            "(deux accolades, un nom de la liste, deux accolades)."
        )


def remplir(texte: str, valeurs: dict) -> str:
    """The text with each field replaced by its value (empty when the parcours has none)."""
    return CHAMP.sub(lambda m: str(valeurs.get(m.group(1), "") or ""), texte)


# The end of a sentence in a short text: a full stop or an exclamation mark followed by a space (a URL's dots are not).
FIN_DE_PHRASE = re.compile(r"(?<=[.!])\s+")


def remplir_sans_vide(texte: str, valeurs: dict) -> str:
    """For an SMS: the text filled, each sentence whose fields are all empty left out (« Aide : . » never goes to a
    phone when the MDD has no number); a sentence without fields, or with one field filled, stays."""
    gardees = []
    for phrase in FIN_DE_PHRASE.split(texte):
        noms = champs_de(phrase)
        if noms and not any(str(valeurs.get(nom, "") or "").strip() for nom in noms):
            continue
        gardees.append(remplir(phrase, valeurs))
    return " ".join(gardees).strip()


def en_html(texte: str) -> str:
    """Plain text to paragraphs: a blank line starts a paragraph, a line break stays one. Everything escaped."""
    paragraphes = [p.strip() for p in re.split(r"\n\s*\n", texte.replace("\r\n", "\n")) if p.strip()]
    return mark_safe("".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphes))  # noqa: S308
