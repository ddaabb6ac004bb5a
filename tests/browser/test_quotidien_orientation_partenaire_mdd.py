"""Daily journeys of the chargé d'orientation, the partner and the responsable de MDD in Chromium, with axe: orienting
from a filtered list comes back to it, a prescription moved step by step, the MDD's page and a réorientation
decided."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from pacte.models import MDD, Objectif
from parcours import reorientations
from parcours.models import Prescription
from tests.parcours.factories import BeneficiaireFactory, OrientationFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory

AUJOURDHUI = timezone.localdate()


def _entre_il_y_a(jours, mdd, **kwargs):
    jour = AUJOURDHUI - datetime.timedelta(days=jours)
    return ParcoursFactory(
        mdd=mdd, date_ouverture_droit=jour, date_entree=jour, beneficiaire=BeneficiaireFactory(**kwargs)
    )


def test_orienter_depuis_une_liste_filtree_y_revient(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    compte = comptes_demo["charge_orientation"]
    mdd = MDD.objects.first()
    _entre_il_y_a(45, mdd, nom="Roy", prenom="Pauline")
    _entre_il_y_a(3, mdd, nom="Martin", prenom="Paul")
    se_connecter(compte["email"], compte["password"])
    page.goto(f"{live_server.url}/parcours/a-orienter/?attente=au_dela")
    expect(page.locator("tbody tr")).to_have_count(1)
    verifier_accessibilite(page)
    page.get_by_role("link", name="Orienter ROY Pauline").click()
    verifier_accessibilite(page)
    page.locator("[name='orientation-type']").select_option("sociale")
    page.locator("[name='orientation-organisme_referent']").select_option("departement")
    page.get_by_role("button", name="Enregistrer l'orientation").click()
    page.wait_for_url("**/parcours/a-orienter/?attente=au_dela")
    expect(page.get_by_role("status").filter(has_text="Orientation de ROY Pauline enregistrée.")).to_be_focused()


def test_une_prescription_pas_a_pas_chez_le_partenaire(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    compte = comptes_demo["partenaire"]
    action = ActionFactory(partenaire=compte["user"].partenaire, objectif=Objectif.objects.first())
    prescription = PrescriptionFactory(
        action=action, parcours=ParcoursFactory(mdd=MDD.objects.first()), date_proposition=AUJOURDHUI
    )
    se_connecter(compte["email"], compte["password"])
    page.goto(f"{live_server.url}/partenaires/prescriptions/{prescription.pk}/")
    expect(page.get_by_text("Motif de sortie")).to_have_count(0)
    verifier_accessibilite(page)
    page.locator("#etape-acceptee summary").click()
    page.locator("#etape-acceptee").get_by_role("button", name="Accepter").click()
    expect(page.get_by_role("heading", name="Suivi : Acceptée")).to_be_visible()
    page.locator("#etape-entree summary").click()
    page.locator("#etape-entree").get_by_role("button", name="Marquer l'entrée").click()
    expect(page.get_by_role("heading", name="Suivi : Entrée")).to_be_visible()
    verifier_accessibilite(page)
    assert Prescription.objects.get(pk=prescription.pk).etat == "entree"


def test_la_page_de_la_mdd_et_une_reorientation_decidee(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    compte = comptes_demo["responsable_mdd"]
    mdd = compte["user"].mdds.first()
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(nom="Lefèvre", prenom="Hélène"))
    OrientationFactory(parcours=parcours)
    reorientations.demander(
        parcours,
        par=comptes_demo["travailleur_social"]["user"],
        type_souhaite="professionnelle",
        organisme_souhaite="france_travail",
        motif="Projet professionnel construit",
    )
    se_connecter(compte["email"], compte["password"])
    page.goto(f"{live_server.url}/mdd/{mdd.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pilotage")
    verifier_accessibilite(page)
    page.goto(f"{live_server.url}/parcours/reorientations/")
    verifier_accessibilite(page)
    page.get_by_role("link", name="Décider LEFÈVRE Hélène").click()
    verifier_accessibilite(page)
    # The DSFR draws its own radio over the input: the label is what a user clicks.
    page.get_by_text("Accepter la réorientation").click()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Décision enregistrée")).to_be_visible()
