"""A chargé d'orientation works through the queue of new entrants and creates a beneficiary."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from pacte.models import MDD
from parcours.models import Orientation, Parcours
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory


def test_le_charge_d_orientation_oriente_depuis_la_file(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    aujourdhui = timezone.localdate()
    mdd = MDD.objects.order_by("nom").first()
    ParcoursFactory(
        mdd=mdd,
        beneficiaire=BeneficiaireFactory(nom="Ancien", prenom="Arthur"),
        date_ouverture_droit=aujourdhui - datetime.timedelta(days=60),
        date_entree=aujourdhui - datetime.timedelta(days=50),
    )
    ParcoursFactory(
        mdd=mdd,
        beneficiaire=BeneficiaireFactory(nom="Recent", prenom="Rose"),
        date_ouverture_droit=aujourdhui - datetime.timedelta(days=5),
        date_entree=aujourdhui - datetime.timedelta(days=3),
    )
    compte = comptes_demo["charge_orientation"]
    se_connecter(compte["email"], compte["password"])
    page.get_by_role("link", name="Nouveaux entrants à orienter").first.click()
    lignes = page.locator("tbody tr")
    expect(lignes).to_have_count(2)
    expect(lignes.first).to_contain_text("ANCIEN Arthur")
    verifier_accessibilite(page)

    lignes.first.get_by_role("link", name="Orienter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orienter ANCIEN Arthur")
    verifier_accessibilite(page)
    page.get_by_label("Type d'orientation").select_option("professionnelle")
    page.get_by_label("Organisme référent").select_option("france_travail")
    page.get_by_role("button", name="Enregistrer l'orientation").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    assert Orientation.objects.get().parcours.beneficiaire.nom == "Ancien"

    page.goto(f"{live_server.url}/parcours/nouveau/")
    verifier_accessibilite(page)
    page.get_by_label("Numéro allocataire").fill("3456789")
    page.get_by_label("Nom", exact=True).fill("Nouvelle")
    page.get_by_label("Prénom").fill("Inès")
    page.get_by_label("Date de naissance").fill("1992-03-04")
    page.get_by_label("MDD qui suit la personne").select_option(str(mdd.pk))
    page.get_by_label("Date d'ouverture de droit").fill((aujourdhui - datetime.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Enregistrer et ouvrir le parcours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orienter NOUVELLE Inès")
    assert Parcours.objects.filter(beneficiaire__nom="Nouvelle").exists()
