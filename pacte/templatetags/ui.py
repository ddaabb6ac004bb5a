"""The UI components of the pages, drawn by the theme (pacte.themes) so that pages never speak a vendor's markup.

    {% load ui %}
    {% ui "bouton" libelle="Enregistrer" %}                      a component
    {% ui_bloc "alerte" niveau="erreur" %}…{% endui_bloc %}      a component around content, given as `contenu`
    <p class="{% ui_classes "chapeau" %}">…</p>                  the theme's class for an element the page writes
    {% ui_valeur lien %}{% url "x" %}?a={{ a }}{% endui_valeur %}   a parameter built from several pieces

A component is the template templates/ui/<theme>/<name>.html. Its first lines are Django comments: a summary, then
one `{# @parametre : … #}` per parameter. That header is its signature: a parameter it does not list is refused,
and a listed one that the page leaves out is "" (so `{% if %}` and `{{ }}` read it as absent). A component sees
only its parameters, plus `request` and `csrf_token` (what Django's own tags read from the context): a variable of
the page cannot leak into it under the same name. Its output is stripped, so it sits inline where it is called.

`ui_classes` is for spacing and text styles on the page's own elements (a paragraph, a form, a section), where a
component would only wrap the element to add a class: the names are the partials of ui/<theme>/classes.html.
"""

import re

from django import template
from django.template.base import token_kwargs
from django.utils.safestring import mark_safe

from pacte.themes import gabarit, theme

register = template.Library()

_PARAMETRE = re.compile(r"\{#\s*@(\w+)\s*:")
_TRANSMIS = ("request", "csrf_token")
_COMPILES = {}


def _gabarit(moteur, nom):
    """The compiled component. Kept here outside debug mode: the loader's own cache costs a sixth of a component
    (its key is rebuilt at each lookup); in debug mode the loader is asked every time, so that an edited component
    is reloaded."""
    if moteur.debug:
        return moteur.get_template(nom)
    compile = _COMPILES.get((moteur, nom))
    if compile is None:
        compile = _COMPILES[(moteur, nom)] = moteur.get_template(nom)
    return compile


def parametres(composant: template.base.Template) -> frozenset:
    """The parameters a component's header lists (cached on the compiled template, which the loader keeps)."""
    connus = getattr(composant, "_parametres_ui", None)
    if connus is None:
        entete = []
        for ligne in composant.source.lstrip().splitlines():
            if not ligne.startswith("{#"):
                break
            entete.append(ligne)
        connus = composant._parametres_ui = frozenset(_PARAMETRE.findall("\n".join(entete)))
    return connus


class ComposantNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nom, kwargs, nodelist=None):
        self.nom = nom
        self.kwargs = kwargs
        self.nodelist = nodelist if nodelist is not None else template.NodeList()
        self.bloc = nodelist is not None

    def render(self, context):
        composant = _gabarit(context.template.engine, gabarit(self.nom))
        connus = parametres(composant)
        inconnus = set(self.kwargs) - connus
        if self.bloc and "contenu" not in connus:
            inconnus.add("contenu")
        if inconnus:
            raise template.TemplateSyntaxError(
                f"Le composant « {self.nom} » n'a pas de paramètre {', '.join(sorted(inconnus))} "
                f"(son en-tête, {composant.origin.name}, liste : {', '.join(sorted(connus)) or 'aucun'})."
            )
        valeurs = dict.fromkeys(connus, "")
        valeurs.update((cle, context.get(cle)) for cle in _TRANSMIS)
        valeurs.update((cle, valeur.resolve(context)) for cle, valeur in self.kwargs.items())
        if self.bloc:
            valeurs["contenu"] = self.nodelist.render(context)
        # A new Context rather than context.new(): the same isolation without copying the page's context and its
        # render state (a third of a component's cost). `request` stays reachable as {% querystring %} reads it.
        isole = template.Context(
            valeurs, autoescape=context.autoescape, use_l10n=context.use_l10n, use_tz=context.use_tz
        )
        isole.request = getattr(context, "request", None)
        return mark_safe(composant.render(isole).strip())


def _composant(parser, token, bloc):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(f"{bits[0]} attend le nom du composant entre guillemets.")
    restants = bits[2:]
    kwargs = token_kwargs(restants, parser)
    if restants:
        raise template.TemplateSyntaxError(f"{bits[0]} « {bits[1]} » : paramètres nommés seulement ({restants[0]}).")
    nodelist = None
    if bloc:
        nodelist = parser.parse(("endui_bloc",))
        parser.delete_first_token()
    return ComposantNode(bits[1][1:-1], kwargs, nodelist)


@register.tag
def ui(parser, token):
    return _composant(parser, token, bloc=False)


@register.tag
def ui_bloc(parser, token):
    return _composant(parser, token, bloc=True)


class ClassesNode(template.Node):
    def __init__(self, noms):
        self.noms = noms
        self.par_theme = {}

    def render(self, context):
        moteur = context.template.engine
        nom_theme = theme()
        classes = self.par_theme.get(nom_theme)
        if classes is None:
            fichier = gabarit("classes")
            classes = " ".join(
                moteur.get_template(f"{fichier}#{nom}").render(template.Context()).strip() for nom in self.noms
            )
            # Constant for a theme: read once per compiled page rather than at every render (but again in debug
            # mode, where an edited classes.html is reloaded).
            if not moteur.debug:
                self.par_theme[nom_theme] = classes
        return classes


@register.tag
def ui_classes(parser, token):
    bits = token.split_contents()[1:]
    if not bits or any(b[0] not in "\"'" or b[-1] != b[0] for b in bits):
        raise template.TemplateSyntaxError("ui_classes attend un ou plusieurs noms de classes entre guillemets.")
    return ClassesNode([b[1:-1] for b in bits])


class ValeurNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nom, nodelist):
        self.nom = nom
        self.nodelist = nodelist

    def render(self, context):
        context[self.nom] = self.nodelist.render(context)
        return ""


@register.tag
def ui_valeur(parser, token):
    """{% ui_valeur nom %}…{% endui_valeur %}: its content, rendered, in the variable `nom`, for a component's
    parameter made of several pieces (an address and its query string, a title with a figure in it)."""
    bits = token.split_contents()
    if len(bits) != 2 or not bits[1].isidentifier():
        raise template.TemplateSyntaxError("ui_valeur attend le nom d'une variable.")
    nodelist = parser.parse(("endui_valeur",))
    parser.delete_first_token()
    return ValeurNode(bits[1], nodelist)
