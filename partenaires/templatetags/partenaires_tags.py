from django import template

from partenaires.models.actions import Indicateur

register = template.Library()

LIBELLES = {
    "places": "places",
    "montant_conventionne": "montant conventionné (€)",
    "date_debut": "début",
    "date_fin": "fin",
    **{valeur: label.lower() for valeur, label in Indicateur.choices},
}


def _valeur(valeur):
    if valeur is None:
        return "non fixé"
    if isinstance(valeur, str) and len(valeur) == 10 and valeur[4] == "-" and valeur[7] == "-":
        return f"{valeur[8:]}/{valeur[5:7]}/{valeur[:4]}"
    return str(valeur)


@register.filter
def effet_lisible(ajustement) -> str:
    """«places : 10 → 12» from the before/after values kept on the ajustement."""
    morceaux = []
    for cle, apres in (ajustement.valeur_apres or {}).items():
        avant = (ajustement.valeur_avant or {}).get(cle)
        morceaux.append(f"{LIBELLES.get(cle, cle)} : {_valeur(avant)} → {_valeur(apres)}")
    return " ; ".join(morceaux)
