"""In Chromium: the agent makes créneaux, invites a person and convenes another; the person books from their link on a
375 px phone screen, then moves the rendez-vous once; every page axe-clean."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from courriers import invitations, modeles
from courriers.models import Consentement, Creneau, Invitation, Message
from pacte.models import Site
from parcours.models import RendezVous
from tests.courriers.factories import CreneauFactory, demain_a
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, agent_mdd


def _personne(site, nom, prenom):
    beneficiaire = BeneficiaireFactory(
        nom=nom,
        prenom=prenom,
        telephone="06 12 34 56 78",
        email=f"{prenom.lower()}@example.org",
        adresse="3 rue des Lilas",
        commune=site.commune,
    )
    Consentement.objects.create(beneficiaire=beneficiaire, sms=True, email=True)
    return ParcoursFactory(mdd=site.mdd, beneficiaire=beneficiaire)


def test_la_personne_prend_puis_deplace_son_rendez_vous_sur_un_telephone(
    navigateur, live_server, referentiel_hv, transactional_db, verifier_accessibilite
):
    site = Site.objects.order_by("pk").first()
    modeles.installer_modeles_par_defaut("87")
    parcours = _personne(site, "Martin", "Claire")
    agent = agent_mdd(site.mdd)
    premier = CreneauFactory(site=site, agent=agent, debut=demain_a(10))
    second = CreneauFactory(site=site, agent=agent, debut=demain_a(14))
    invitations.inviter([parcours.pk], canaux=["sms"], par=agent)
    lien = live_server.url + f"/rdv/{invitations.jeton(Invitation.objects.get().pk)}/"

    contexte = navigateur.new_context(locale="fr-FR", viewport={"width": 375, "height": 812}, is_mobile=True)
    page = contexte.new_page()
    page.goto(lien)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Votre rendez-vous avec")
    verifier_accessibilite(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling on a phone
    page.locator("label", has_text=f"{timezone.localtime(premier.debut):%H:%M}").first.click()
    page.get_by_role("button", name="Confirmer ce rendez-vous").click()
    expect(page.get_by_role("status")).to_contain_text("Votre rendez-vous est confirmé")
    verifier_accessibilite(page)
    assert RendezVous.objects.get(parcours=parcours).date == premier.debut

    page.locator("label", has_text=f"{timezone.localtime(second.debut):%H:%M}").first.click()
    page.get_by_role("button", name="Déplacer à ce créneau").click()
    expect(page.get_by_role("status")).to_contain_text("confirmé")
    expect(page.get_by_text("Vous avez déjà changé ce rendez-vous")).to_be_visible()
    assert RendezVous.objects.get(parcours=parcours).date == second.debut
    contexte.close()


def test_l_agent_cree_des_creneaux_invite_et_convoque(
    page, live_server, comptes_demo, se_connecter, verifier_accessibilite
):
    agent = comptes_demo["travailleur_social"]["user"]
    site = agent.mdds.first().sites.first()
    modeles.installer_modeles_par_defaut("87")
    invitee = _personne(site, "Martin", "Claire")
    convoquee = _personne(site, "Durand", "Paul")
    se_connecter(agent.email)

    page.goto(f"{live_server.url}/courriers/agenda/creer/")
    verifier_accessibilite(page)
    page.get_by_label("Site").select_option(str(site.pk))
    page.get_by_label("Nature").select_option("individuel")
    page.get_by_label("Professionnel").select_option(str(agent.pk))
    page.get_by_label("Début du premier créneau").fill(demain_a(9).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Nombre de créneaux à la suite").fill("3")
    page.get_by_role("button", name="Créer les créneaux").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda de la semaine")
    verifier_accessibilite(page)
    assert Creneau.objects.filter(site=site).count() == 3

    page.goto(f"{live_server.url}/parcours/{invitee.pk}/")
    page.get_by_role("link", name="Inviter à prendre rendez-vous").click()
    verifier_accessibilite(page)
    page.locator("label", has_text="SMS").click()
    page.locator("label", has_text="Courriel").first.click()
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("Invitation à prendre rendez-vous (SMS)")).to_be_visible()
    assert Message.objects.filter(parcours=invitee).count() == 2

    page.goto(f"{live_server.url}/courriers/parcours/{convoquee.pk}/convoquer/")
    verifier_accessibilite(page)
    page.get_by_role("button", name="Convoquer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Messages et courriers")
    verifier_accessibilite(page)
    assert RendezVous.objects.filter(parcours=convoquee).count() == 1
    assert (
        timezone.now() < RendezVous.objects.get(parcours=convoquee).date < timezone.now() + datetime.timedelta(days=3)
    )
