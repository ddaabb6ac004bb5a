"""The action's journey in a real browser: the référent adjusts and enters results, a worker prescribes
from a parcours, the partner marks the entry, and the occupancy of the action follows."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from pacte.models import MDD, Objectif
from parcours.choices import EtatPrescription
from parcours.models import Prescription
from partenaires.models import Ajustement, ResultatAction
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory
from tests.partenaires.factories import ActionFactory, ObjectifActionFactory


def test_ajustement_resultats_prescription_et_entree_dans_le_navigateur(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    aujourdhui = timezone.localdate()
    referent = comptes_demo["referent_thematique"]
    thematique = referent["user"].thematiques.order_by("numero").first()
    partenaire = comptes_demo["partenaire"]["user"].partenaire
    action = ActionFactory(
        intitule="Atelier mobilité solidaire",
        objectif=Objectif.objects.filter(thematique=thematique).first(),
        partenaire=partenaire,
        financement__partenaire=partenaire,
        date_debut=aujourdhui - datetime.timedelta(days=100),
        date_fin=aujourdhui + datetime.timedelta(days=300),
        places=4,
    )
    ObjectifActionFactory(action=action, indicateur="participants", valeur_cible=10)
    travailleur = comptes_demo["travailleur_social"]
    mdd = travailleur["user"].mdds.first() or MDD.objects.first()
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(nom="Peyrat", prenom="Lucie"))

    # 1. The référent thématique records an ajustement (htmx) and enters the results of a period.
    se_connecter(referent["email"], referent["password"])
    page.goto(f"{live_server.url}/partenaires/actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes actions")
    verifier_accessibilite(page)
    page.get_by_role("link", name="Atelier mobilité solidaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier mobilité solidaire")
    verifier_accessibilite(page)

    page.locator("#ouvrir-form-ajustement").click()
    ajustement = page.locator("#form-ajustement")
    ajustement.locator("[name='objet']").fill("Capacité d'accueil")
    ajustement.locator("[name='decision']").fill("Une place de plus, convenue avec le partenaire.")
    ajustement.locator("[name='effet']").select_option("places")
    ajustement.locator("[name='places']").fill("5")
    ajustement.get_by_role("button", name="Enregistrer l'ajustement").click()
    expect(page.get_by_text("L'ajustement est enregistré.")).to_be_visible()
    expect(page.locator("#occupation-action")).to_have_text("0 personne entrée sur 5 places (0 %)")

    page.locator("#ouvrir-form-resultat").click()
    resultat = page.locator("#form-resultat")
    resultat.locator("[name='periode_debut']").fill(action.date_debut.isoformat())
    resultat.locator("[name='periode_fin']").fill((action.date_debut + datetime.timedelta(days=30)).isoformat())
    resultat.locator("[name='participants']").fill("3")
    resultat.locator("[name='sorties_iae']").fill("4")
    resultat.get_by_role("button", name="Enregistrer les résultats").click()
    expect(page.locator("#form-resultat")).to_contain_text("ne peut pas dépasser le nombre de participants")
    assert not ResultatAction.objects.exists()
    page.locator("#form-resultat [name='sorties_iae']").fill("1")
    page.locator("#form-resultat").get_by_role("button", name="Enregistrer les résultats").click()
    expect(page.get_by_text("Les résultats de la période sont enregistrés.")).to_be_visible()
    verifier_accessibilite(page)
    assert Ajustement.objects.get().valeur_apres == {"places": 5}
    assert ResultatAction.objects.get().participants == 3

    # 2. A social worker prescribes from the parcours, through the catalogue.
    page.context.clear_cookies()
    se_connecter(travailleur["email"], travailleur["password"])
    page.goto(f"{live_server.url}/partenaires/catalogue/?parcours={parcours.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue des actions")
    verifier_accessibilite(page)
    page.get_by_role("link", name="Prescrire « Atelier mobilité solidaire »").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prescrire une action")
    verifier_accessibilite(page)
    page.get_by_role("button", name="Confirmer la prescription").click()
    expect(page.get_by_text("La prescription vers « Atelier mobilité solidaire » est envoyée")).to_be_visible()
    prescription = Prescription.objects.get()
    assert (prescription.parcours_id, prescription.etat) == (parcours.pk, EtatPrescription.PROPOSEE)

    # 3. The partner accepts, then marks the entry; the occupancy of its action updates.
    page.context.clear_cookies()
    partenaire_compte = comptes_demo["partenaire"]
    se_connecter(partenaire_compte["email"], partenaire_compte["password"])
    page.goto(f"{live_server.url}/partenaires/prescriptions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Prescriptions reçues")
    expect(page.locator(f"#occupation-{action.pk}")).to_have_text("0 sur 5 (0 %)")
    verifier_accessibilite(page)
    page.get_by_role("link", name="Traiter la prescription de PEYRAT Lucie").click()
    # Each step of the prescription is a disclosure of its own (only the fields of that step).
    page.locator("#etape-acceptee summary").click()
    page.locator("#etape-acceptee").get_by_role("button", name="Accepter").click()
    expect(page.locator("#titre-suivi")).to_have_text("Suivi : Acceptée")
    page.locator("#etape-entree summary").click()
    page.locator("#etape-entree").get_by_role("button", name="Marquer l'entrée").click()
    expect(page.locator("#titre-suivi")).to_have_text("Suivi : Entrée")
    verifier_accessibilite(page)
    page.goto(f"{live_server.url}/partenaires/prescriptions/")
    expect(page.locator(f"#occupation-{action.pk}")).to_have_text("1 sur 5 (20 %)")

    # 4. Back on the référent's side, the action page shows the new occupancy (no names).
    page.context.clear_cookies()
    se_connecter(referent["email"], referent["password"])
    page.goto(f"{live_server.url}/partenaires/actions/{action.pk}/")
    expect(page.locator("#occupation-action")).to_have_text("1 personne entrée sur 5 places (20 %)")
    expect(page.locator("main")).not_to_contain_text("Peyrat")
