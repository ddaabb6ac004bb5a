"""Pages are built from our UI components; a vendor's markup lives only in its theme's folder (templates/ui/<theme>/).

The DSFR is reserved to the State: a département's instance will use another theme, chosen by PACTE_THEME. These
tests keep that possible: no page, include or Python module speaks the DSFR, every component a page uses exists in
every theme with the same parameters, and the tag refuses what a component does not declare."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import TemplateSyntaxError, engines
from django.template.base import smart_split

from pacte import themes
from pacte.templatetags.ui import parametres

DOSSIER_UI = Path(settings.BASE_DIR) / "templates" / "ui"
THEMES = sorted(d.name for d in DOSSIER_UI.iterdir() if d.is_dir())
UN_THEME = "|".join(THEMES)

# A vendor's class (fr-btn), data attribute (data-fr-opened) or template tags, outside its theme.
DSFR = re.compile(r"(?<![\w-])(?:data-)?fr-[a-z]|\{%\s*dsfr_|\bdsfr_tags\b")
APPEL = re.compile(r"\{%\s*(ui|ui_bloc)\s+[\"'](\w+(?:/\w+)*)[\"']((?:(?!%\}).)*)%\}", re.S)
CLASSES = re.compile(r"\{%\s*ui_classes\s+((?:(?!%\}).)*)%\}", re.S)
PARTIAL = re.compile(r"\{%\s*partialdef\s+(\w+)")


def _dossiers_de_gabarits():
    dossiers = [Path(d) for moteur in settings.TEMPLATES for d in moteur.get("DIRS", [])]
    for config in apps.get_app_configs():
        chemin = Path(config.path)
        # The project's own apps: those under BASE_DIR, except the packages of a virtualenv kept there (.venv).
        projet = chemin.is_relative_to(settings.BASE_DIR) and not any(
            partie.startswith(".") for partie in chemin.relative_to(settings.BASE_DIR).parts
        )
        if projet and (chemin / "templates").is_dir():
            dossiers.append(chemin / "templates")
    return dossiers


def _gabarits():
    """(path, name relative to its folder, text) of every template of the project."""
    for dossier in _dossiers_de_gabarits():
        for chemin in sorted(dossier.rglob("*.html")):
            yield chemin, chemin.relative_to(dossier).as_posix(), chemin.read_text()


def _dans_un_theme(chemin: Path) -> bool:
    return chemin.is_relative_to(DOSSIER_UI) and chemin.relative_to(DOSSIER_UI).parts[0] in THEMES


def _pages():
    return [(chemin, texte) for chemin, _, texte in _gabarits() if not _dans_un_theme(chemin)]


def _lignes_fautives(motif, texte):
    return [f"{n}: {ligne.strip()[:120]}" for n, ligne in enumerate(texte.splitlines(), 1) if motif.search(ligne)]


def _composants(theme):
    dossier = DOSSIER_UI / theme
    return {
        p.relative_to(dossier).with_suffix("").as_posix(): p
        for p in dossier.rglob("*.html")
        if p.name != "classes.html" and p.parent.name != "champs"
    }


def _parametres_declares(chemin: Path) -> frozenset:
    return parametres(engines["django"].engine.from_string(chemin.read_text()))


def _appels():
    """(file, tag, component, parameter names) of every component call, in pages and in the themes' components."""
    for chemin, _, texte in _gabarits():
        for tag, nom, reste in APPEL.findall(texte):
            # smart_split keeps quoted values whole: a link "?source=x" names no parameter.
            noms = {m.group(1) for bout in smart_split(reste) if (m := re.match(r"(\w+)=", bout))}
            yield chemin, tag, nom, noms


def test_les_themes_existent_et_le_reglage_en_nomme_un():
    assert THEMES, "aucun dossier de thème dans templates/ui/"
    assert settings.PACTE_THEME in THEMES
    assert set(THEMES) == set(themes.RENDUS), "chaque dossier de thème a son rendu de formulaires, et réciproquement"


def test_aucun_gabarit_hors_des_themes_ne_parle_le_dsfr():
    fautes = {
        str(chemin.relative_to(settings.BASE_DIR)): lignes
        for chemin, texte in _pages()
        if (lignes := _lignes_fautives(DSFR, texte))
    }
    assert fautes == {}, "classes ou balises du DSFR hors de templates/ui/dsfr/ : utiliser un composant"


def test_les_pages_ne_nomment_pas_de_theme():
    motif = re.compile(rf"ui/(?:{UN_THEME})/")
    fautes = {
        str(chemin.relative_to(settings.BASE_DIR)): lignes
        for chemin, texte in _pages()
        if (lignes := _lignes_fautives(motif, texte))
    }
    assert fautes == {}, 'une page demande un composant par son nom ({% ui "bouton" %}), jamais dans un thème'


def _modules_python():
    exclus = {"tests", "bench", "var", "node_modules"}
    for chemin in sorted(Path(settings.BASE_DIR).rglob("*.py")):
        relatif = chemin.relative_to(settings.BASE_DIR)
        if relatif.parts[0] in exclus or relatif.parts[0].startswith("."):
            continue
        yield relatif, chemin.read_text()


def test_le_code_python_n_emet_pas_de_classes_du_dsfr():
    fautes = {str(r): lignes for r, texte in _modules_python() if (lignes := _lignes_fautives(DSFR, texte))}
    assert fautes == {}, "le code Python ne donne pas de classes du DSFR : elles viennent du thème"


def test_seul_pacte_themes_nomme_un_dossier_de_theme_dans_le_code():
    motif = re.compile(rf"ui/(?:{UN_THEME})\b")
    fautes = [str(r) for r, texte in _modules_python() if motif.search(texte) and r.parts[:2] != ("pacte", "themes")]
    assert fautes == []


def test_chaque_composant_appele_existe_dans_chaque_theme():
    manquants = {
        (theme, nom, str(chemin.relative_to(settings.BASE_DIR)))
        for chemin, _, nom, _ in _appels()
        for theme in THEMES
        if nom not in _composants(theme)
    }
    assert manquants == set()


@pytest.mark.parametrize("theme", THEMES)
def test_chaque_theme_a_les_memes_composants_et_les_memes_parametres(theme):
    reference = THEMES[0]
    assert set(_composants(theme)) == set(_composants(reference))
    for nom, chemin in _composants(theme).items():
        assert _parametres_declares(chemin) == _parametres_declares(_composants(reference)[nom]), nom


@pytest.mark.parametrize("theme", THEMES)
def test_chaque_composant_commence_par_son_resume_et_ses_parametres(theme):
    for nom, chemin in _composants(theme).items():
        lignes = chemin.read_text().splitlines()
        assert lignes[0].startswith("{#") and "@" not in lignes[0], f"{nom} : une ligne de résumé d'abord"


def test_les_appels_ne_passent_que_des_parametres_declares():
    fautes = []
    declares = {nom: _parametres_declares(chemin) for nom, chemin in _composants(settings.PACTE_THEME).items()}
    for chemin, tag, nom, passes in _appels():
        attendus = declares.get(nom, frozenset())
        inconnus = passes - attendus
        if tag == "ui_bloc" and "contenu" not in attendus:
            inconnus.add("(contenu : ce composant ne s'emploie pas en bloc)")
        if inconnus:
            fautes.append(f"{chemin.relative_to(settings.BASE_DIR)} : {nom} {sorted(inconnus)}")
    assert fautes == []


def test_les_classes_demandees_existent_dans_chaque_theme():
    demandees = {
        nom for _, texte in _pages() for noms in CLASSES.findall(texte) for nom in re.findall(r"[\"'](\w+)[\"']", noms)
    }
    assert demandees, "les pages demandent des classes au thème"
    for theme in THEMES:
        definies = set(PARTIAL.findall((DOSSIER_UI / theme / "classes.html").read_text()))
        assert demandees <= definies, (theme, sorted(demandees - definies))
        assert definies == set(PARTIAL.findall((DOSSIER_UI / THEMES[0] / "classes.html").read_text()))


def _rendre(source, **contexte):
    return engines["django"].from_string("{% load ui %}" + source).render(contexte)


def test_un_composant_ne_voit_que_ses_parametres(operateur_etat):
    # `lien` de la page ne doit pas faire du bouton un lien, ni `titre` lui donner un titre.
    html = _rendre('{% ui "bouton" libelle="Enregistrer" %}', lien="/ailleurs/", titre="Page")
    assert html == '<button type="submit" class="fr-btn">Enregistrer</button>'


def test_un_composant_en_bloc_recoit_son_contenu_rendu_dans_le_contexte_de_la_page(operateur_etat):
    html = _rendre('{% ui_bloc "alerte" niveau="erreur" %}<p>{{ message }}</p>{% endui_bloc %}', message="Refusé <b>")
    assert html == '<div class="fr-alert fr-alert--error"><p>Refusé &lt;b&gt;</p></div>'


def test_un_parametre_que_le_composant_ne_declare_pas_est_refuse():
    with pytest.raises(TemplateSyntaxError, match="n'a pas de paramètre couleur"):
        _rendre('{% ui "bouton" libelle="Enregistrer" couleur="rouge" %}')


def test_un_composant_sans_contenu_ne_s_emploie_pas_en_bloc():
    with pytest.raises(TemplateSyntaxError, match="contenu"):
        _rendre('{% ui_bloc "bouton" libelle="Enregistrer" %}x{% endui_bloc %}')


def test_ui_valeur_compose_un_parametre_de_plusieurs_morceaux(operateur_etat):
    html = _rendre(
        '{% ui_valeur adresse %}/liste/?a={{ a }}&amp;b=2{% endui_valeur %}{% ui "lien" libelle="Voir" lien=adresse %}',
        a="x y",
    )
    assert html == '<a class="fr-link" href="/liste/?a=x y&amp;b=2">Voir</a>'


def test_un_theme_inconnu_est_refuse_en_francais(settings):
    settings.PACTE_THEME = "inconnu"
    with pytest.raises(
        ImproperlyConfigured, match="PACTE_THEME vaut « inconnu » : thèmes disponibles : collectivite, dsfr"
    ):
        themes.gabarit("bouton")
