"""A component call is resolved and checked when its page is compiled (pacte.templatetags.ui), then rendered in the
page's own context with the page's variables out of reach: the same output and isolation as a template of its own,
the right theme after a change of theme, and an edited component reloaded in debug mode."""

import pytest
from django.template import Context, Engine, TemplateSyntaxError, engines


def _compiler(source):
    return engines["django"].from_string("{% load ui %}" + source)


def test_un_parametre_inconnu_est_refuse_des_la_compilation_de_la_page(operateur_etat):
    with pytest.raises(TemplateSyntaxError, match="« bouton » n'a pas de paramètre couleur"):
        _compiler('{% ui "bouton" libelle="Enregistrer" couleur="rouge" %}')


def test_la_page_retrouve_ses_variables_apres_le_composant(operateur_etat):
    page = _compiler(
        '{{ lien }}|{% ui "bouton" libelle="Voir" lien="/x/" %}|{% with lien="/y/" %}{{ lien }}{% endwith %}'
    )
    html = page.render({"lien": "/page/"})
    assert html == '/page/|<a class="fr-btn" href="/x/">Voir</a>|/y/'


def test_la_sortie_du_composant_est_sans_blancs_aux_bords_meme_quand_ils_viennent_d_une_variable(operateur_etat):
    page = _compiler('[{% ui_bloc "conteneur" %}  {{ texte }}  {% endui_bloc %}]')
    assert page.render({"texte": "contenu"}) == '[<div class="fr-container fr-mt-3w fr-mb-6w">  contenu  </div>]'
    page = _compiler('[{% ui "bouton" libelle=libelle type="button" %}]')
    assert page.render({"libelle": " Fermer "}) == '[<button type="button" class="fr-btn"> Fermer </button>]'


def test_une_page_compilee_sous_un_theme_rend_les_composants_du_theme_en_vigueur(settings, operateur_etat):
    from tests.conftest import _operateur

    page = _compiler('{% ui "bouton" libelle="Enregistrer" %}')
    assert page.render({}) == '<button type="submit" class="fr-btn">Enregistrer</button>'
    _operateur(settings, "collectivite")
    assert page.render({}) == '<button type="submit" class="btn btn-primary">Enregistrer</button>'


def test_en_mode_debug_un_composant_modifie_est_relu(tmp_path, operateur_etat):
    dossier = tmp_path / "ui" / "dsfr"
    dossier.mkdir(parents=True)
    composant = dossier / "essai.html"
    composant.write_text("{# Essai. #}\n{# @texte : le texte #}\n<p>{{ texte }}</p>\n")
    moteur = Engine(
        dirs=[str(tmp_path)],
        debug=True,
        loaders=["django.template.loaders.filesystem.Loader"],
        libraries={"ui": "pacte.templatetags.ui"},
    )
    page = moteur.from_string('{% load ui %}{% ui "essai" texte="un" %}')
    assert page.render(Context()) == "<p>un</p>"
    composant.write_text("{# Essai. #}\n{# @texte : le texte #}\n<strong>{{ texte }}</strong>\n")
    assert page.render(Context()) == "<strong>un</strong>"
