"""A social worker finds a beneficiary, opens the parcours and records events through the htmx forms."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from pacte.models import MDD
from parcours.models import ContratEngagement, Frein, Orientation, RendezVous
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory


def _remplir(page, slug, valeurs):
    formulaire = page.locator(f"#formulaire-{slug}")
    formulaire.locator("summary").click()
    for champ, valeur in valeurs.items():
        element = formulaire.locator(f"[name='{slug}-{champ}']")
        if element.evaluate("e => e.tagName") == "SELECT":
            element.select_option(valeur)
        else:
            element.fill(valeur)
    formulaire.get_by_role("button", name="Enregistrer").click()


def test_un_travailleur_social_suit_un_parcours_dans_le_navigateur(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    compte = comptes_demo["travailleur_social"]
    mdd = compte["user"].mdds.first() or MDD.objects.first()
    aujourdhui = timezone.localdate()
    ParcoursFactory(
        mdd=mdd,
        beneficiaire=BeneficiaireFactory(nom="Lefèvre", prenom="Hélène"),
        date_ouverture_droit=aujourdhui - datetime.timedelta(days=70),
        date_entree=aujourdhui - datetime.timedelta(days=60),
    )
    ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(nom="Martin", prenom="Paul"))
    hier = (aujourdhui - datetime.timedelta(days=1)).isoformat()

    se_connecter(compte["email"], compte["password"])
    page.get_by_role("link", name="Ma file active").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma file active")
    verifier_accessibilite(page)

    page.get_by_label("Nom, prénom ou numéro allocataire").fill("lefevre helene")
    expect(page.locator("#resultats tbody tr")).to_have_count(1)
    assert "q=lefevre%20helene" in page.url  # the filters are kept in the URL
    page.get_by_role("link", name="LEFÈVRE Hélène").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parcours de LEFÈVRE Hélène")
    verifier_accessibilite(page)

    _remplir(page, "orientation", {"type": "sociale", "organisme_referent": "departement", "date_decision": hier})
    expect(page.get_by_text("Orientation enregistrée.")).to_be_visible()
    _remplir(
        page,
        "contrat",
        {
            "date_debut": hier,
            "date_fin": (aujourdhui + datetime.timedelta(days=180)).isoformat(),
            "objectifs": "Obtenir le permis B",
            "heures_hebdomadaires": "15",
            "date_signature": hier,
        },
    )
    expect(page.get_by_text("Contrat d'engagement enregistré.")).to_be_visible()
    _remplir(page, "frein", {"categorie": "mobilite", "date_identification": hier})
    expect(page.get_by_text("Frein enregistré.")).to_be_visible()
    _remplir(
        page,
        "rendez_vous",
        {"date": (aujourdhui + datetime.timedelta(days=7)).isoformat(), "heure": "10:30", "nature": "individuel"},
    )
    expect(page.get_by_text("Rendez-vous enregistré.")).to_be_visible()
    verifier_accessibilite(page)

    page.reload()
    chronologie = page.locator(".pacte-chronologie")
    expect(chronologie).to_contain_text("Orientation sociale")
    expect(chronologie).to_contain_text("Contrat d'engagement du")
    expect(chronologie).to_contain_text("Frein identifié : Mobilité")
    expect(chronologie).to_contain_text("Rendez-vous : Entretien individuel")
    assert Orientation.objects.count() == ContratEngagement.objects.count() == Frein.objects.count() == 1
    assert RendezVous.objects.count() == 1

    # The change history is loaded when its section is opened.
    historique = page.locator("#historique")
    expect(historique.get_by_role("table")).to_have_count(0)
    historique.locator("summary", has_text="Historique des modifications").click()
    expect(historique.get_by_role("table")).to_contain_text("Orientation (création)")
    expect(historique.get_by_role("table")).to_contain_text("Contrat (création)")
    expect(historique.get_by_role("link", name="Afficher l'historique des modifications")).to_have_count(0)
    verifier_accessibilite(page)


def test_une_saisie_refusee_reste_affichee_avec_son_erreur(page, live_server, comptes_demo, se_connecter):
    compte = comptes_demo["travailleur_social"]
    mdd = compte["user"].mdds.first() or MDD.objects.first()
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(nom="Durand", prenom="Léa"))
    se_connecter(compte["email"], compte["password"])
    page.goto(f"{live_server.url}/parcours/{parcours.pk}/")
    demain = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    _remplir(page, "note", {"date": demain, "texte": "Texte à ne pas perdre"})
    expect(page.get_by_text("La date de la note ne peut pas être dans le futur.")).to_be_visible()
    expect(page.locator("[name='note-texte']")).to_have_value("Texte à ne pas perdre")
