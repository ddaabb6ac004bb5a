"""Each demo role logs in, lands on its home page in French with the DSFR layout, and axe finds nothing serious."""

import pytest

from pacte.models import Role

ATTENDU = {
    Role.TRAVAILLEUR_SOCIAL: "Ma file active",
    Role.RESPONSABLE_MDD: "Ma file active",
    Role.CHARGE_ORIENTATION: "Orientation des nouveaux entrants",
    Role.REFERENT_THEMATIQUE: "Mes actions",
    Role.PARTENAIRE: "Association Tremplin 87",
    Role.ADMINISTRATEUR: "Pilotage du pacte",
}


@pytest.mark.parametrize("role", list(ATTENDU), ids=[r.value for r in ATTENDU])
def test_chaque_role_arrive_sur_son_accueil_accessible(role, page, comptes_demo, se_connecter, verifier_accessibilite):
    se_connecter(comptes_demo[role.value]["email"])
    assert page.locator("h1").inner_text() == ATTENDU[role]
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".fr-header").is_visible()
    assert page.locator("footer.fr-footer").count() == 1
    assert page.locator(".fr-skiplinks a").count() >= 1
    assert "Haute-Vienne" in page.locator(".fr-header__logo").text_content()
    # The logo block is not cut by the header's tools (the user's name and role).
    logo = page.locator(".fr-header__brand-top").evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert logo[0] <= logo[1], f"logo du département coupé : {logo}"
    assert page.locator("#navigation-principale .fr-nav__link").count() >= 1
    verifier_accessibilite(page)


def test_la_page_de_connexion_est_accessible_et_refuse_un_mauvais_mot_de_passe(
    page, live_server, comptes_demo, verifier_accessibilite
):
    page.goto(f"{live_server.url}/connexion/")
    verifier_accessibilite(page)
    page.get_by_label("Adresse électronique").fill(comptes_demo["administrateur"]["email"])
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    assert "Adresse électronique ou mot de passe incorrect" in page.content()
    verifier_accessibilite(page)
