"""The theme of the pages: which folder of templates/ui/ draws the UI components, and which renderer draws the forms.

The DSFR (the State's design system) is reserved to the State's own services; a département running its own
instance shows its own identity. PACTE_THEME (settings) names the theme; pages and forms never do: a page asks for a
component by name (pacte.templatetags.ui), a form inherits pacte.forms.BaseForm, and this module is the one place
that turns those names into the theme's templates and renderer. A new theme is a folder templates/ui/<theme>/ with
the same component names (tests/pacte/test_composants_ui.py checks none is missing) and, here, its form renderer.
"""

import functools

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

RENDUS = {
    "collectivite": "pacte.themes.collectivite.RenduCollectivite",
    "dsfr": "pacte.themes.dsfr.RenduDsfr",
}


def theme() -> str:
    nom = settings.PACTE_THEME
    if nom not in RENDUS:
        raise ImproperlyConfigured(f"PACTE_THEME vaut « {nom} » : thèmes disponibles : {', '.join(sorted(RENDUS))}.")
    return nom


def gabarit(composant: str) -> str:
    """The template of a component in the current theme: "bouton" -> "ui/dsfr/bouton.html"."""
    return f"ui/{theme()}/{composant}.html"


@functools.cache
def _rendu(nom: str):
    return import_string(RENDUS[nom])()


def rendu():
    """The form renderer of the current theme, one instance per process.

    Django builds a renderer per form when a form's default_renderer is a class; the renderer then builds its own
    template engine with an empty cache and re-parses every field template (~50 ms on the parcours page). One
    shared instance keeps the parsed templates, as Django's own get_default_renderer() does."""
    return _rendu(theme())
