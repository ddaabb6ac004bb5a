"""Each demo role logs in, lands on its home page in French in its operator's layout (the State's bloc-marque, or the
département's own), and axe finds nothing serious."""

import pytest
from django.conf import settings

from pacte.models import Role

# The block that names who runs the site, per theme: it must not be cut by the header's tools (user, role).
BLOC_MARQUE = {"dsfr": ".fr-header__brand-top", "collectivite": "header .pacte-marque"}

ATTENDU = {
    Role.TRAVAILLEUR_SOCIAL: "Ma file active",
    Role.RESPONSABLE_MDD: "File active de la MDD",
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
    assert page.locator("header[role=banner]").is_visible()
    assert page.locator("footer#pied-de-page").count() == 1
    assert page.locator('a[href="#contenu"]').count() >= 1
    entete = page.locator("header[role=banner]").inner_text()
    assert "Haute-Vienne" in entete
    # The State's motto only on a State operator's pages.
    assert ("RÉPUBLIQUE" in entete.upper()) == (settings.PACTE_OPERATEUR == "etat")
    bloc = page.locator(BLOC_MARQUE[settings.PACTE_THEME]).first.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert bloc[0] <= bloc[1], f"bloc de la marque coupé : {bloc}"
    assert page.locator("#navigation-principale a").count() >= 1
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
