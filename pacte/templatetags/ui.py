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

The theme is fixed at start-up: a call is resolved and checked when the page is compiled (a parameter the header
does not list is a TemplateSyntaxError of the page), and again only if the theme changes (tests switch it) or in
debug mode (the loader is asked at each render, so that an edited component is reloaded). A component renders its
nodes in the page's own context, whose variables are swapped for the component's for the time of the call: the
same isolation as a new Context, without building one nor going through Template.render for each component.

`ui_classes` is for spacing and text styles on the page's own elements (a paragraph, a form, a section), where a
component would only wrap the element to add a class: the names are the partials of ui/<theme>/classes.html.
"""

import re

from django import template
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.base import TextNode, token_kwargs
from django.utils.safestring import SafeString

from pacte.themes import gabarit, theme

register = template.Library()

_PARAMETRE = re.compile(r"\{#\s*@(\w+)\s*:")


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


def _sans_blancs_aux_bords(nodelist: template.NodeList) -> template.NodeList:
    """The component's nodes without the white space of its edges' text (the newlines after its header's lines, the
    file's last newline): what stripping the output removes at every render, removed once."""
    noeuds = list(nodelist)
    for bout, couper in ((0, str.lstrip), (-1, str.rstrip)):
        while noeuds and isinstance(noeuds[bout], TextNode):
            texte = couper(noeuds[bout].s)
            if texte:
                noeuds[bout] = _texte(noeuds[bout], texte)
                break
            del noeuds[bout]
    return template.NodeList(noeuds)


def _texte(origine: TextNode, texte: str) -> TextNode:
    noeud = TextNode(texte)
    noeud.token, noeud.origin = origine.token, origine.origin
    return noeud


class Composant:
    """A component of one theme, compiled: its template, its parameters, their defaults and its trimmed nodes."""

    __slots__ = ("gabarit", "connus", "defauts", "nodelist")

    def __init__(self, gabarit_compile):
        self.gabarit = gabarit_compile
        self.connus = parametres(gabarit_compile)
        self.defauts = dict.fromkeys(self.connus, "")
        self.nodelist = _sans_blancs_aux_bords(gabarit_compile.nodelist)

    @classmethod
    def de(cls, moteur, nom: str) -> "Composant":
        compile = moteur.get_template(gabarit(nom))
        # Kept on the compiled template, which the cached loader keeps: one per component and theme.
        composant = getattr(compile, "_composant_ui", None)
        if composant is None:
            composant = compile._composant_ui = cls(compile)
        return composant


class ComposantNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nom, kwargs, nodelist=None, moteur=None, sans_chargeur=False):
        self.nom = nom
        self.kwargs = kwargs
        self.nodelist = nodelist if nodelist is not None else template.NodeList()
        self.bloc = nodelist is not None
        self.par_theme = {}
        if moteur is not None:
            try:
                self.par_theme[theme()] = self._resoudre(moteur)
            except template.TemplateDoesNotExist:
                # A page made from a string by another engine than the default one: resolved at its render.
                if sans_chargeur:
                    return
                raise

    def _resoudre(self, moteur) -> Composant:
        composant = Composant.de(moteur, self.nom)
        inconnus = set(self.kwargs) - composant.connus
        if self.bloc and "contenu" not in composant.connus:
            inconnus.add("contenu")
        if inconnus:
            liste = ", ".join(sorted(composant.connus)) or "aucun"
            raise template.TemplateSyntaxError(
                f"Le composant « {self.nom} » n'a pas de paramètre {', '.join(sorted(inconnus))} "
                f"(son en-tête, {composant.gabarit.origin.name}, liste : {liste})."
            )
        return composant

    def render(self, context):
        moteur = context.template.engine
        if moteur.debug:
            composant = self._resoudre(moteur)
        else:
            composant = self.par_theme.get(settings.PACTE_THEME)
            if composant is None or composant.gabarit.engine is not moteur:
                composant = self.par_theme[theme()] = self._resoudre(moteur)
        valeurs = composant.defauts.copy()
        valeurs["request"] = context.get("request")
        valeurs["csrf_token"] = context.get("csrf_token")
        for cle, valeur in self.kwargs.items():
            valeurs[cle] = valeur.resolve(context)
        if self.bloc:
            valeurs["contenu"] = self.nodelist.render(context)
        # The page's variables are out of reach for the time of the call (the builtins True, False and None stay),
        # and the component's nodes keep their state apart, as Template.render would give them.
        variables, etat = context.dicts, context.render_context
        gabarit_de_la_page = etat.template
        context.dicts = [variables[0], valeurs]
        etat.dicts.append({})
        etat.template = composant.gabarit
        try:
            rendu = composant.nodelist.render(context)
        finally:
            context.dicts = variables
            etat.dicts.pop()
            etat.template = gabarit_de_la_page
        if rendu and (rendu[0].isspace() or rendu[-1].isspace()):
            return SafeString(rendu.strip())
        return rendu


def _moteur_de(parser):
    """The engine compiling the page: its loader's, or, for a template made from a string (the parser does not say
    by which engine), the default one, checked again at render."""
    chargeur = getattr(parser.origin, "loader", None)
    if chargeur is not None:
        return chargeur.engine
    try:
        return template.Engine.get_default()
    except ImproperlyConfigured:
        return None


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
    sans_chargeur = getattr(parser.origin, "loader", None) is None
    return ComposantNode(bits[1][1:-1], kwargs, nodelist, _moteur_de(parser), sans_chargeur)


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
