"""The tabs and the side menu, in both themes: without JavaScript the tabs are a named list of links to sections
that are all in the page (static/pacte/composants.js turns them into tabs, tests/browser/test_composants_au_clavier.py),
and the side menu is a named navigation whose current entry says so with aria-current."""

import re

import pytest
from django.template import engines

OPERATEURS = ["operateur_collectivite", "operateur_etat"]

ONGLETS = """{% load ui %}{% ui_bloc "onglets" libelle="Sections du tableau de bord" onglets=onglets actif="suivi" %}
{% ui_bloc "panneau_d_onglet" id="ensemble" %}<h2>Vue d'ensemble</h2>{% endui_bloc %}
{% ui_bloc "panneau_d_onglet" id="suivi" %}<h2>Suivi</h2>{% endui_bloc %}
{% endui_bloc %}"""


def _rendre(source, **contexte):
    return engines["django"].from_string(source).render(contexte)


@pytest.fixture(params=OPERATEURS)
def theme(request):
    request.getfixturevalue(request.param)


def test_les_onglets_sans_script_sont_des_liens_nommes_vers_des_sections_de_la_page(theme):
    onglets = [{"id": "ensemble", "libelle": "Vue d'ensemble"}, {"id": "suivi", "libelle": "Suivi & <relances>"}]
    html = _rendre(ONGLETS, onglets=onglets)

    assert re.search(r'<ul [^>]*aria-label="Sections du tableau de bord"', html)
    liens = re.findall(r'<a [^>]*id="(onglet-[\w-]+)" href="#([\w-]+)"', html)
    assert liens == [("onglet-ensemble", "ensemble"), ("onglet-suivi", "suivi")]
    # Each link's target is in the page, named by its link; all panels are shown until the script runs.
    panneaux = re.findall(r'<section [^>]*id="([\w-]+)" aria-labelledby="(onglet-[\w-]+)" data-pacte-panneau', html)
    assert panneaux == [("ensemble", "onglet-ensemble"), ("suivi", "onglet-suivi")]
    assert "hidden" not in html
    assert "Suivi &amp; &lt;relances&gt;" in html
    # The open tab is marked for the script only: roles and aria-selected come with it, not before.
    assert re.search(r'href="#suivi" data-pacte-actif', html) and html.count("data-pacte-actif") == 1
    assert 'role="tab' not in html and "aria-selected" not in html


def test_les_onglets_sont_rendus_par_le_script_des_composants(client, theme, db):
    reponse = client.get("/accounts/login/")
    assert re.search(r'<script src="[^"]*pacte/composants\.js">', reponse.content.decode())


MENU = (
    '{% load ui %}{% ui "menu_lateral" libelle="Tableau de bord" titre="Dans cette rubrique" entrees=entrees'
    " aria_current=aria_current %}"
)
ENTREES = [
    {"libelle": "Orientations", "lien": "/evaluation/orientations/"},
    {"libelle": "Contrats", "lien": "/evaluation/contrats/", "courante": True},
    {"libelle": "Actions", "lien": "/evaluation/actions/"},
]


def test_le_menu_lateral_est_une_navigation_nommee_dont_l_entree_courante_le_dit(theme):
    html = _rendre(MENU, entrees=ENTREES, aria_current="")

    assert re.search(r'<nav [^>]*aria-label="Tableau de bord"', html)
    assert "Dans cette rubrique" in html
    liens = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert liens == [(e["lien"], e["libelle"]) for e in ENTREES]
    courants = re.findall(r'<a [^>]*href="([^"]+)"[^>]*aria-current="(\w+)"', html)
    assert courants == [("/evaluation/contrats/", "page")]


def test_le_menu_lateral_des_sections_d_une_page_marque_la_section_courante_comme_emplacement(theme):
    html = _rendre(MENU, entrees=ENTREES, aria_current="location")
    assert re.findall(r'aria-current="(\w+)"', html) == ["location"]


def test_le_menu_lateral_sans_titre_affiche_son_libelle(theme):
    html = _rendre('{% load ui %}{% ui "menu_lateral" libelle="Tableau de bord" entrees=entrees %}', entrees=ENTREES)
    assert re.search(r">\s*Tableau de bord\s*</p>", html)
