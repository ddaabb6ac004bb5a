from django import template
from django.utils.html import format_html

from evaluation.formats import date_fr, nombre_fr, valeur_fr

register = template.Library()


@register.simple_tag
def valeur_indicateur(valeur, unite=""):
    if valeur is None:
        return format_html('<span class="pacte-non-disponible">{}</span>', "non disponible")
    return valeur_fr(valeur, unite)


@register.simple_tag
def ecart_indicateur(valeur, unite=""):
    """A signed change, said in words as well as with its sign (no information by colour alone)."""
    if valeur is None:
        return format_html('<span class="pacte-non-disponible">{}</span>', "non calculable")
    if valeur == 0:
        return "stable"
    signe = "+" if valeur > 0 else "−"
    suffixe = " pt" if unite == "%" else {"jours": " j", "€": " €"}.get(unite, "")
    return f"{signe}{nombre_fr(abs(valeur))}{suffixe}"


@register.filter
def date_iso(valeur):
    return date_fr(valeur)


@register.filter
def nombre(valeur):
    return nombre_fr(valeur)
