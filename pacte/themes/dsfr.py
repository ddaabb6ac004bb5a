"""The forms of the DSFR theme, drawn by django-dsfr: its field templates (label, hint, error linked to the field by
aria-describedby), its error lists, and the vendor's classes it puts on the widgets."""

from pathlib import Path

import dsfr
from django import forms
from django.conf import settings
from django.utils.functional import cached_property
from dsfr.forms import DsfrBoundField, DsfrDjangoTemplates
from dsfr.utils import dsfr_input_class_attr

from pacte.themes import gabarit


class ChampDsfr(DsfrBoundField):
    @property
    def template_name(self):
        # django-dsfr's checkbox marks an optional box «(Optionnel)»: a box to tick is optional by nature.
        if not self.field.template_name and self.widget_type == "checkbox":
            return gabarit("champs/case_a_cocher")
        nom = super().template_name
        # A search or filter form: every criterion is optional, «(Optionnel)» on each one is noise.
        if not getattr(self.form, "mention_facultatif", True) and nom.endswith("/input_snippet.html"):
            return gabarit("champs/saisie_de_recherche")
        return nom


class RenduDsfr(DsfrDjangoTemplates):
    form_template_name = "dsfr/form_snippet.html"
    bound_field_class = ChampDsfr
    # What every form of a page includes: compiled once in gunicorn's master (pacte.prechauffage).
    gabarits_des_champs = ("dsfr/form_field_snippets", "dsfr/form_snippet.html", "django/forms", "ui/dsfr/champs")

    @cached_property
    def engine(self):
        # django-dsfr's own templates first (they override Django's error lists), then the project's (the theme's
        # field templates in templates/ui/dsfr/champs), then Django's widgets.
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(dsfr.__file__).resolve().parent / "templates",
                    *(d for moteur in settings.TEMPLATES for d in moteur.get("DIRS", [])),
                    Path(forms.__file__).resolve().parent / "templates",
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )

    def preparer_formulaire(self, formulaire):
        """The vendor's classes on the widgets, as django-dsfr's own base form puts them."""
        for champ in formulaire.visible_fields():
            dsfr_input_class_attr(champ)
