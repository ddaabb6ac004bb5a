"""A <select> whose options are written in Python rather than by one template per option, and a model choice
filter whose options are read as values rather than models.

Django builds a dict of attributes per option and renders each through two included templates
(select_option.html and attrs.html): about 20 µs per option, i.e. 12 ms for the 600 partners of the
«Mes actions» filter. Same HTML (whitespace aside), a tenth of the time.
"""

import django_filters
import django_filters.fields
from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.widgets import ChoiceWidget
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _option(valeur, libelle, choisie: bool) -> str:
    selected = " selected" if choisie else ""
    return f'<option value="{conditional_escape(valeur)}"{selected}>{conditional_escape(libelle)}</option>'


def options_html(choices, valeurs) -> str:
    """The <option>s of `choices`, the first one whose value is in `valeurs` (strings) selected: the rule of
    django.forms.Select.optgroups (one selection, optgroups for nested choices)."""
    morceaux = []
    choisie = False
    for valeur, libelle in choices:
        if valeur is None:
            valeur = ""
        groupe = libelle if isinstance(libelle, (list, tuple)) else None
        options = []
        for sous_valeur, sous_libelle in groupe if groupe is not None else [(valeur, libelle)]:
            selection = not choisie and str(sous_valeur) in valeurs
            choisie |= selection
            options.append(_option(sous_valeur, sous_libelle, selection))
        if groupe is not None:
            morceaux.append(f'<optgroup label="{conditional_escape(valeur)}">{"".join(options)}</optgroup>')
        else:
            morceaux.extend(options)
    return mark_safe("".join(morceaux))


class SelectRapide(forms.Select):
    template_name = "pacte/widgets/select_rapide.html"

    def get_context(self, name, value, attrs):
        # Widget.get_context, not ChoiceWidget's: its optgroups() is the per-option work this widget avoids.
        context = super(ChoiceWidget, self).get_context(name, value, attrs)
        context["widget"]["options_html"] = options_html(_choix(self.choices), context["widget"]["value"])
        return context


def _choix(choices):
    """Django's ModelChoiceIterator reads the rows with QuerySet.iterator(): on PostgreSQL a server-side cursor
    (DECLARE, FETCH, CLOSE: three round trips) for a few dozen rows. The same choices from one plain query."""
    if not isinstance(choices, ModelChoiceIterator):
        return choices
    vide = [("", choices.field.empty_label)] if choices.field.empty_label is not None else []
    # django-filter's iterator adds a «none» choice (null_label) after the empty one.
    if getattr(choices.field, "null_label", None) is not None:
        vide.append((choices.field.null_value, choices.field.null_label))
    return vide + [choices.choice(objet) for objet in choices.queryset.all()]


class _OptionsEnValeurs(BaseChoiceIterator):
    """The options of a ListeRapide: one values_list query, no model per option. SelectRapide writes the options
    in Python, but Django's ModelChoiceIterator still builds every Thematique, Commune, Site and its Commune
    only to print their str() (about 0.7 ms a page for the three lists of the catalogue)."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        if self.field.empty_label is not None:
            yield "", self.field.empty_label
        # django-filter's «none» choice (null_label) comes after the empty one, as its own iterator puts it.
        if getattr(self.field, "null_label", None) is not None:
            yield self.field.null_value, self.field.null_label
        yield from self.field.options(self.field.queryset)


class _ChampListeRapide(django_filters.fields.ModelChoiceField):
    iterator = _OptionsEnValeurs  # not a ModelChoiceIterator: SelectRapide then iterates it as it is

    def __init__(self, *args, options, **kwargs):
        self.options = options
        super().__init__(*args, **kwargs)


class ListeRapide(django_filters.ModelChoiceFilter):
    """A model select (validated against its queryset as usual) whose options are `options(queryset)`:
    (pk, label) pairs, the label being the model's str()."""

    field_class = _ChampListeRapide
