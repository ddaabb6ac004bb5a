"""The forms of the «collectivite» theme: Django's own form rendering, with one field template of the theme (label,
hint, errors, then the widget) and Bootstrap's classes on the widgets. Hint and errors are linked to the widget by
aria-describedby, and a field in error says so (aria-invalid, from Django)."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

from pacte.themes import gabarit

CLASSES_DES_WIDGETS = (
    # Django gives a list of choices' attributes to its wrapper too: Bootstrap's box style on that wrapper squeezes
    # the whole list into a 1em float. Its inputs stay native, each inside its label.
    ((forms.RadioSelect, forms.CheckboxSelectMultiple), ""),
    ((forms.CheckboxInput,), "form-check-input"),
    ((forms.Select, forms.SelectMultiple), "form-select"),
)


def classe_du_widget(widget) -> str:
    for types, classe in CLASSES_DES_WIDGETS:
        if isinstance(widget, types):
            return classe
    return "form-control"


class ChampCollectivite(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        decrit_par = [
            i
            for i, present in ((f"{self.auto_id}-aide", self.help_text), (f"{self.auto_id}-erreurs", self.errors))
            if present
        ]
        if decrit_par and self.auto_id:
            attrs["aria-describedby"] = " ".join(decrit_par)
        classes = [widget.attrs.get("class", ""), attrs.get("class", ""), classe_du_widget(widget)]
        if self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join(c for c in classes if c)
        return attrs


class RenduCollectivite(DjangoTemplates):
    form_template_name = "django/forms/div.html"
    bound_field_class = ChampCollectivite
    # What every form of a page includes: compiled once in gunicorn's master (config.prechauffage).
    gabarits_des_champs = ("django/forms", "ui/collectivite/champs")

    @property
    def field_template_name(self):
        return gabarit("champs/champ")

    @cached_property
    def engine(self):
        # The project's templates (the theme's field template in templates/ui/collectivite/champs), then Django's.
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    *(d for moteur in settings.TEMPLATES for d in moteur.get("DIRS", [])),
                    Path(forms.__file__).resolve().parent / "templates",
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
