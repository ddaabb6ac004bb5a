"""The daily journeys of a social worker in Chromium: noting the attendance of a planned rendez-vous, the sortie
with its list of what is still open, and the file active's table fitting a 1280 px screen."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from pacte.models import MDD, Objectif
from parcours.models import ContratEngagement, Parcours, Prescription, RendezVous
from tests.parcours.factories import (
    BeneficiaireFactory,
    ContratEngagementFactory,
    OrientationFactory,
    ParcoursFactory,
    PrescriptionFactory,
    RendezVousFactory,
)
from tests.partenaires.factories import ActionFactory


def _parcours(compte, **kwargs):
    mdd = compte["user"].mdds.first() or MDD.objects.first()
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(**kwargs), referent=compte["user"])
    OrientationFactory(parcours=parcours)
    return parcours


def test_noter_la_presence_d_un_rendez_vous_prevu(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    compte = comptes_demo["travailleur_social"]
    parcours = _parcours(compte, nom="Lefèvre", prenom="Hélène")
    rdv = RendezVousFactory(parcours=parcours, presence="prevu", date=timezone.now() - datetime.timedelta(minutes=30))
    se_connecter(compte["email"], compte["password"])
    page.goto(f"{live_server.url}/parcours/{parcours.pk}/")
    page.get_by_role("link", name="Noter la présence").click()
    expect(page.locator("[name='presence-rendez_vous']")).to_have_value(str(rdv.pk))
    verifier_accessibilite(page)
    page.locator("[name='presence-presence']").select_option("present")
    page.locator("#formulaire-presence").get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Présence enregistrée.")).to_be_visible()
    assert list(RendezVous.objects.filter(parcours=parcours).values_list("pk", "presence")) == [(rdv.pk, "present")]


def test_la_sortie_montre_ce_qui_reste_ouvert_puis_le_regle(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    compte = comptes_demo["travailleur_social"]
    parcours = _parcours(compte, nom="Martin", prenom="Paul")
    contrat = ContratEngagementFactory(parcours=parcours, date_fin=timezone.localdate() + datetime.timedelta(days=60))
    Parcours.objects.filter(pk=parcours.pk).update(contrat_courant=contrat)
    action = ActionFactory(objectif=Objectif.objects.first())
    prescription = PrescriptionFactory(parcours=parcours, prescripteur=compte["user"], action=action)
    se_connecter(compte["email"], compte["password"])
    page.goto(f"{live_server.url}/parcours/{parcours.pk}/")
    page.locator("#formulaire-sortie summary").click()
    formulaire = page.locator("#formulaire-sortie")
    expect(formulaire.get_by_text("Ce que la sortie va changer")).to_be_visible()
    expect(formulaire.get_by_text("sera résilié à la date de sortie")).to_be_visible()
    verifier_accessibilite(page)
    formulaire.locator("[name='sortie-type']").select_option("emploi_durable")
    formulaire.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Sortie enregistrée : le parcours est clos.")).to_be_visible()
    assert ContratEngagement.objects.get(pk=contrat.pk).etat == "resilie"
    assert Prescription.objects.get(pk=prescription.pk).etat == "annulee"


def test_la_table_de_la_file_active_tient_dans_1280_pixels(page, live_server, comptes_demo, se_connecter):
    compte = comptes_demo["travailleur_social"]
    parcours = _parcours(compte, nom="De La Fontaine-Bellecour", prenom="Marie-Charlotte")
    ContratEngagementFactory(parcours=parcours)
    se_connecter(compte["email"], compte["password"])
    page.goto(f"{live_server.url}/parcours/")
    mesure = page.evaluate(
        """() => {
            const table = document.querySelector('#table-file-active table') || document.querySelector('table');
            const cadre = table.parentElement;
            const derniere = table.querySelector('thead th:last-child').getBoundingClientRect();
            return {table: table.scrollWidth, cadre: cadre.clientWidth, droite: derniere.right,
                    fenetre: document.documentElement.clientWidth};
        }"""
    )
    assert mesure["table"] <= mesure["cadre"], mesure
    assert mesure["droite"] <= mesure["fenetre"], mesure
