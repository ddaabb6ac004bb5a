"""The components' script (static/pacte/composants.js) in Chromium, on the components as each theme draws them:
the tabs get their roles, show one panel, follow the arrow keys, Home and End, and open the tab the address names."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

ADRESSE = "http://pacte.test/page"
ONGLETS = """{% load ui %}<!DOCTYPE html><html lang="fr"><body><main>
{% ui_bloc "onglets" libelle="Sections" onglets=onglets actif="deux" %}
{% ui_bloc "panneau_d_onglet" id="un" %}<h2>Un</h2>{% endui_bloc %}
{% ui_bloc "panneau_d_onglet" id="deux" %}<h2>Deux</h2>{% endui_bloc %}
{% ui_bloc "panneau_d_onglet" id="trois" %}<h2>Trois</h2><p id="detail">Détail</p>{% endui_bloc %}
{% endui_bloc %}</main><script>{{ script|safe }}</script></body></html>"""


@pytest.fixture(params=["operateur_collectivite", "operateur_etat"])
def page_d_onglets(request, navigateur):
    request.getfixturevalue(request.param)
    script = (Path(settings.BASE_DIR) / "static" / "pacte" / "composants.js").read_text()
    onglets = [{"id": i, "libelle": i.capitalize()} for i in ("un", "deux", "trois")]
    html = engines["django"].from_string(ONGLETS).render({"onglets": onglets, "script": script})
    contexte = navigateur.new_context(locale="fr-FR")
    page = contexte.new_page()
    page.route(f"{ADRESSE}*", lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    yield page
    contexte.close()


def _visibles(page):
    return [p.get_attribute("id") for p in page.locator("[role=tabpanel]").all() if p.is_visible()]


def test_les_onglets_ont_leurs_roles_et_suivent_les_fleches(page_d_onglets):
    page = page_d_onglets
    page.goto(ADRESSE)
    assert page.get_by_role("tablist", name="Sections").count() == 1
    onglets = page.get_by_role("tab")
    assert onglets.count() == 3
    assert page.get_by_role("tab", selected=True).inner_text() == "Deux"
    assert _visibles(page) == ["deux"]
    assert page.get_by_role("tabpanel").get_attribute("aria-labelledby") == "onglet-deux"

    page.get_by_role("tab", name="Deux").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "onglet-trois" and _visibles(page) == ["trois"]
    page.keyboard.press("ArrowRight")
    assert _visibles(page) == ["un"], "après le dernier onglet, le premier"
    page.keyboard.press("End")
    assert _visibles(page) == ["trois"]
    page.keyboard.press("Home")
    assert _visibles(page) == ["un"] and page.get_by_role("tab", name="Un").get_attribute("tabindex") == "0"
    assert page.get_by_role("tab", name="Trois").get_attribute("tabindex") == "-1"
    # Tab leaves the list for the open panel.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "un"


def test_un_clic_ouvre_l_onglet_et_l_adresse_le_nomme(page_d_onglets):
    page = page_d_onglets
    page.goto(ADRESSE)
    page.get_by_role("tab", name="Un").click()
    assert _visibles(page) == ["un"] and page.url.endswith("#un")


def test_l_ancre_de_l_adresse_ouvre_l_onglet_qui_la_contient(page_d_onglets):
    page = page_d_onglets
    page.goto(f"{ADRESSE}#detail")
    assert _visibles(page) == ["trois"]
    page.goto(f"{ADRESSE}#un")
    assert _visibles(page) == ["un"]
