from django import template

from pacte import text

register = template.Library()


@register.filter(expects_localtime=True)
def jour(valeur):
    """|date:"d/m/Y" at a fraction of its cost (pacte.text.jour); datetimes are turned to local time first."""
    return text.jour(valeur)


@register.filter
def montant(valeur):
    """143 000,00 € (pacte.text.montant)."""
    return text.montant(valeur)


@register.filter
def heures(valeur):
    """15 h, 7,5 h (pacte.text.heures)."""
    return text.heures(valeur)


@register.filter
def pluriel(nombre, mots):
    """{{ n }} {{ n|pluriel:"contrat,contrats" }}: the word for the number (pacte.text.pluriel)."""
    singulier, _, forme_plurielle = mots.partition(",")
    return text.pluriel(nombre, singulier, forme_plurielle or None)
