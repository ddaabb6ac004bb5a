"""In Chromium: an approval with a paper submission date. The bilan went to the assembly on paper weeks before it
is recorded in the app, the délibération sits between the two; then the approval form is gone."""

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


def test_une_approbation_avec_une_date_de_soumission_sur_papier(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite, purge_des_bilans
):
    from evaluation import services

    aujourd_hui = timezone.localdate()
    annee = aujourd_hui.year - 1
    admin = comptes_demo[Role.ADMINISTRATEUR.value]
    bilan = services.creer_bilan(annee, admin["user"])
    for thematique in services.thematiques_de(annee):
        services.ecrire_narratif(bilan, thematique, "Des avancées mesurables.", "Des difficultés.", admin["user"])
    papier = max(datetime.date(annee + 1, 1, 2), aujourd_hui - datetime.timedelta(days=30))
    deliberation = papier + (aujourd_hui - papier) / 2

    # Approving renders the PDF before the answer: give the loaded machine time.
    page.set_default_timeout(60_000)
    se_connecter(admin["email"])
    page.goto(f"{live_server.url}/evaluation/bilans/{bilan.pk}/")
    champ = page.get_by_label("Date de soumission à l'assemblée")
    assert champ.input_value() == aujourd_hui.isoformat()
    # A date in the future is refused next to its field, in French, and the bilan stays a draft.
    champ.fill((aujourd_hui + datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Soumettre à l'assemblée").click()
    assert "La date de soumission ne peut pas être dans le futur." in page.locator("main").inner_text()
    verifier_accessibilite(page)
    bilan.refresh_from_db()
    assert bilan.etat == "brouillon"

    page.get_by_label("Date de soumission à l'assemblée").fill(papier.isoformat())
    page.get_by_role("button", name="Soumettre à l'assemblée").click()
    page.wait_for_url(re.compile(rf".*/evaluation/bilans/{bilan.pk}/$"))
    assert f"soumis à l'assemblée le {papier:%d/%m/%Y}" in page.locator("main").inner_text()

    # A délibération before the paper submission is refused; one after it, though before today, is recorded.
    page.get_by_role("link", name="Enregistrer l'approbation").click()
    url_approbation = page.url
    page.get_by_label("Date de la délibération").fill((papier - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Numéro de la délibération").fill(f"{annee + 1}-CD-031")
    page.get_by_role("button", name="Approuver et figer le bilan").click()
    assert f"La délibération ne peut pas précéder la soumission du bilan ({papier:%d/%m/%Y})" in page.content()
    verifier_accessibilite(page)
    page.get_by_label("Date de la délibération").fill(deliberation.isoformat())
    page.get_by_role("button", name="Approuver et figer le bilan").click()
    page.wait_for_url(re.compile(rf".*/evaluation/bilans/{bilan.pk}/$"))
    assert "Bilan approuvé et figé" in page.content()
    assert f"du {deliberation:%d/%m/%Y}" in page.locator("main").inner_text()

    # Approved: no approval button, and the form's address answers 404.
    assert page.get_by_role("link", name="Enregistrer l'approbation").count() == 0
    assert page.goto(url_approbation).status == 404
