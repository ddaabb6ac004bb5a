"""In Chromium: the whole bilan cycle (draft, narrative, submit, approve, refused edit, new version,
compare) and the download of a COPIL report; axe finds nothing serious or critical on the way."""

import datetime
import re

import pytest
from django.utils import timezone

from pacte.models import Role


@pytest.fixture
def purge_des_bilans(comptes_demo):
    """Approved bilans are guarded by a trigger: delete them through the purge before the DB flush."""
    yield
    from evaluation.models import BilanAnnuel, TransitionBilan
    from evaluation.verrou import purge_autorisee

    with purge_autorisee():
        TransitionBilan.objects.all().delete()
        for bilan in BilanAnnuel.objects.order_by("-version"):
            bilan.narratifs.all().delete()
            BilanAnnuel.objects.filter(pk=bilan.pk).delete()


def _se_deconnecter(page):
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(re.compile(r".*/connexion/.*"))


def test_cycle_complet_du_bilan_annuel_et_rapport_de_copil(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite, purge_des_bilans
):
    from pacte.models import Thematique

    annee = timezone.localdate().year
    admin = comptes_demo[Role.ADMINISTRATEUR.value]
    referent = comptes_demo[Role.REFERENT_THEMATIQUE.value]
    thematiques = list(Thematique.objects.order_by("numero"))
    mes_thematiques = set(referent["user"].thematiques.values_list("numero", flat=True))

    # The dashboard (screenshot looked at while building, not asserted).
    se_connecter(admin["email"])
    page.get_by_role("link", name="Tableau de bord").first.click()
    page.wait_for_url(re.compile(r".*/evaluation/$"))
    assert page.locator("h1").inner_text() == "Tableau de bord des indicateurs"
    assert page.locator("svg[role=img]").count() >= 1
    verifier_accessibilite(page)
    page.screenshot(path="/tmp/tableau_de_bord.png", full_page=False)

    # Draft.
    page.get_by_role("link", name="Bilans annuels").first.click()
    page.get_by_label("Année du bilan").select_option(str(annee))
    page.get_by_role("button", name="Créer le bilan en brouillon").click()
    assert page.locator("h1").inner_text() == f"Bilan annuel {annee} — version 1"
    url_bilan = page.url
    verifier_accessibilite(page)
    _se_deconnecter(page)

    # The référent thématique writes the narrative of their thematics only.
    se_connecter(referent["email"])
    page.goto(url_bilan)
    liens = page.get_by_role("link", name=re.compile("Écrire le récit"))
    assert liens.count() == len(mes_thematiques)
    liens.first.click()
    page.get_by_label("Avancées de l'année").fill("Les informations collectives se tiennent chaque semaine.")
    page.get_by_label("Difficultés rencontrées").fill("Le délai d'orientation s'allonge l'été.")
    page.get_by_role("button", name="Enregistrer le récit").click()
    page.wait_for_url(url_bilan)
    assert "Les informations collectives se tiennent chaque semaine." in page.content()
    _se_deconnecter(page)

    # The administrator writes the others, submits, then records the approval.
    se_connecter(admin["email"])
    page.goto(url_bilan)
    while page.get_by_role("link", name=re.compile("Écrire le récit")).count():
        page.get_by_role("link", name=re.compile("Écrire le récit")).first.click()
        page.get_by_label("Avancées de l'année").fill("Des avancées mesurables.")
        page.get_by_label("Difficultés rencontrées").fill("Des difficultés identifiées.")
        page.get_by_role("button", name="Enregistrer le récit").click()
        page.wait_for_url(url_bilan)
    page.get_by_role("button", name="Soumettre à l'assemblée").click()
    assert "Soumis à l'assemblée" in page.locator("main").inner_text()
    page.get_by_role("link", name="Enregistrer l'approbation").click()
    page.get_by_label("Date de la délibération").fill((timezone.localdate() - datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Numéro de la délibération").fill(f"{annee}-CD-077")
    page.get_by_role("button", name="Approuver et figer le bilan").click()
    assert "La délibération ne peut pas précéder la soumission du bilan" in page.content()
    verifier_accessibilite(page)
    page.get_by_label("Date de la délibération").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Approuver et figer le bilan").click()
    page.wait_for_url(url_bilan)
    assert "Bilan approuvé et figé" in page.content()
    assert page.get_by_role("link", name=re.compile("récit")).count() == 0
    verifier_accessibilite(page)

    # An edit is refused once approved: the narrative page is gone (404), nothing changed.
    reponse = page.goto(url_bilan + f"thematiques/{thematiques[0].pk}/")
    assert reponse.status == 404
    page.goto(url_bilan)
    assert "Les informations collectives se tiennent chaque semaine." in page.content()

    # A new version, then the comparison figure by figure.
    page.get_by_role("button", name="Créer une nouvelle version").click()
    assert page.locator("h1").inner_text() == f"Bilan annuel {annee} — version 2"
    page.get_by_role("link", name="Comparer avec la version 1").click()
    assert page.locator("table caption").first.inner_text().startswith(f"Bilan annuel {annee} (version 1)")
    assert page.locator("tbody tr").count() > 40
    verifier_accessibilite(page)

    # A COPIL session on the default period, and its report downloaded as a PDF.
    page.get_by_role("link", name="Comités de pilotage").first.click()
    page.get_by_label("Structures représentées").fill("Département, DDETS, CAF, France Travail")
    page.get_by_role("button", name="Enregistrer la séance").click()
    assert page.locator("h1").inner_text().startswith("Comité de pilotage du")
    page.get_by_label("Décision du comité").fill("Étendre les ateliers mobilité aux territoires ruraux.")
    page.get_by_role("button", name="Ajouter la décision").click()
    assert "Étendre les ateliers mobilité aux territoires ruraux." in page.content()
    verifier_accessibilite(page)
    with page.expect_download() as telechargement:
        page.get_by_role("button", name="Télécharger le rapport (PDF)").click()
    chemin = telechargement.value.path()
    with open(chemin, "rb") as fichier:
        assert fichier.read(4) == b"%PDF"
    assert telechargement.value.suggested_filename.startswith("comite-pilotage-")
