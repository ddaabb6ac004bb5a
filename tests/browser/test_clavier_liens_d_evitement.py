"""The keyboard's way into every main form page of every role, in the theme of this run: the first Tab lands on
«Aller au contenu» (visibly focused), Enter moves the focus to <main>, and the first field is at most three Tabs after
a skip link. On a search page, «Aller à la recherche» comes second and leads to the search's first field in one Tab."""

from playwright.sync_api import expect

from pacte.models import MDD
from tests.browser.clavier import CHAMPS, focus, tabuler_jusqu_a_un_champ
from tests.parcours.factories import ParcoursFactory

PAGES_DE_FORMULAIRE = {
    "travailleur_social": ["/parcours/", "/parcours/nouveau/", "/partenaires/catalogue/", "/mot-de-passe/"],
    "responsable_mdd": ["/parcours/", "/parcours/nouveau/", "/partenaires/catalogue/"],
    "charge_orientation": ["/parcours/a-orienter/", "/imports/entrants/", "/parcours/{parcours}/orienter/"],
    "referent_thematique": ["/partenaires/actions/", "/evaluation/"],
    # The prescription's page is not in the list: its forms open from the disclosure of each step.
    "partenaire": ["/partenaires/prescriptions/"],
    "administrateur": [
        "/journal-acces/",
        "/rgpd/droit-d-acces/",
        "/partenaires/gestion/partenaires/nouveau/",
        "/imports/entrants/",
        "/evaluation/",
    ],
}
# The pages whose view passes a FilterSet: «Aller à la recherche» is their second skip link.
PAGES_DE_RECHERCHE = {
    "/parcours/",
    "/parcours/a-orienter/",
    "/partenaires/catalogue/",
    "/partenaires/actions/",
    "/partenaires/prescriptions/",
    "/journal-acces/",
    "/evaluation/",
}


def _ids():
    return {"parcours": ParcoursFactory(mdd=MDD.objects.first()).pk}


def _mesurer(page, base, chemin) -> int:
    page.goto(f"{base}{chemin}")
    if focus(page)["tag"] in CHAMPS:
        return 0  # the page gives its first field the focus (autofocus): nothing to travel
    page.keyboard.press("Tab")
    premier = focus(page)
    assert premier["tag"] == "a" and premier["text"] == "Aller au contenu", (chemin, premier)
    assert premier["outline"], (chemin, "le lien d'évitement n'a pas de focus visible", premier)
    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()
    tabulations, champ = tabuler_jusqu_a_un_champ(page)
    assert champ["outline"], (chemin, "le champ n'a pas de focus visible", champ)
    if chemin in PAGES_DE_RECHERCHE:
        page.goto(f"{base}{chemin}")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert focus(page)["text"] == "Aller à la recherche", chemin
        page.keyboard.press("Enter")
        par_la_recherche = tabuler_jusqu_a_un_champ(page)[0]
        assert par_la_recherche == 1, chemin
        # The dashboard's sub-menu comes before its filters: the search's skip link is the short way there.
        return min(tabulations, par_la_recherche)
    return tabulations


def test_le_premier_champ_est_a_trois_tabulations_apres_le_lien_d_evitement(
    page, live_server, comptes_demo, se_connecter, capsys
):
    ids = _ids()
    mesures = {}
    for role, modeles in PAGES_DE_FORMULAIRE.items():
        page.context.clear_cookies()
        se_connecter(comptes_demo[role]["email"], comptes_demo[role]["password"])
        for modele in modeles:
            mesures[f"{role} {modele}"] = _mesurer(page, live_server.url, modele.format(**ids))
    with capsys.disabled():
        print(f"\nTabulations du contenu au premier champ : {mesures}")
    assert max(mesures.values()) <= 3, mesures
