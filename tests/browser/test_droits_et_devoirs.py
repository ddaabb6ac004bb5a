"""End to end in Chromium: manquement → letter → observations → EP session → decision → letter and CAF file →
remobilisation → payback notified, with axe on every page."""

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from droits.models import Decision, Manquement, MouvementOrganisme
from tests.droits.factories import DelegationFactory
from tests.parcours.factories import BeneficiaireFactory, OrientationFactory, ParcoursFactory, RendezVousFactory


def _jour(jours):
    return (timezone.localdate() - datetime.timedelta(days=jours)).isoformat()


def _changer_de_compte(page, se_connecter, compte):
    page.context.clear_cookies()
    se_connecter(compte["email"], compte["password"])


def _pdf(page, lien):
    reponse = page.request.get(page.get_by_role("link", name=lien).get_attribute("href"))
    assert reponse.status == 200 and reponse.headers["content-type"] == "application/pdf"


def _referent_ouvre_et_informe(page, verifier_accessibilite):
    page.get_by_role("link", name="Droits et devoirs").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Droits et devoirs")
    verifier_accessibilite(page)
    page.get_by_role("link", name="Ouvrir un manquement LAMBERT Julie").click()
    verifier_accessibilite(page)
    page.get_by_label("Date du constat").fill(_jour(40))
    page.get_by_label("Faits reprochés").fill("Absente sans excuse à la convocation individuelle.")
    page.get_by_role("button", name="Ouvrir le manquement").click()
    expect(page.get_by_text("Le manquement est ouvert")).to_be_visible()
    verifier_accessibilite(page)
    page.get_by_label("Date d'envoi du courrier d'information").fill(_jour(38))
    page.get_by_role("button", name="Enregistrer l'envoi du courrier").click()
    _pdf(page, "Courrier d'information (PDF)")
    page.get_by_label("Reçues le").fill(_jour(30))
    page.get_by_label("Observations de la personne").fill("Je n'avais pas reçu la convocation à temps.")
    page.get_by_role("button", name="Enregistrer les observations").click()
    expect(page.get_by_text("Je n'avais pas reçu la convocation à temps.")).to_be_visible()
    verifier_accessibilite(page)


def _seance_ep(page, verifier_accessibilite):
    page.get_by_role("link", name="Équipes pluridisciplinaires").first.click()
    verifier_accessibilite(page)
    page.get_by_label("Territoire").select_option(index=1)
    page.get_by_label("Date et heure").fill(f"{_jour(7)}T09:30")
    page.get_by_label("Lieu").fill("Hôtel du département, salle 3")
    page.get_by_role("button", name="Programmer la séance").click()
    for role, nom in (("president", "Mme Élue"), ("france_travail", "M. Conseiller"), ("caf", "Mme CAF")):
        page.locator("[name='membre-role']").select_option(role)
        page.locator("[name='membre-nom']").fill(nom)
        page.get_by_role("button", name="Ajouter le membre").click()
    page.locator("[name='inscription-manquement']").select_option(index=1)
    page.get_by_role("button", name="Inscrire").click()
    for case in page.locator("[name='presences-presents']").all():
        case.check(force=True)  # the DSFR label covers its box
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_text("3 membre(s) présent(s)")).to_be_visible()
    verifier_accessibilite(page)
    page.get_by_role("link", name="LAMBERT Julie").click()
    verifier_accessibilite(page)
    page.get_by_label("Avis de l'équipe").select_option("suspension")
    page.get_by_label("Taux proposé (%)").fill("50")
    page.get_by_label("Durée proposée (mois)").fill("1")
    page.get_by_label("Voix pour").fill("3")
    page.get_by_label("Voix contre").fill("0")
    page.get_by_label("Abstentions").fill("0")
    page.get_by_label("Motivation").fill("Absence sans motif légitime.")
    page.get_by_role("button", name="Enregistrer l'avis").click()
    page.get_by_role("button", name="Clore la séance").click()
    _pdf(page, "Procès-verbal (PDF)")


def _decision_et_fichier(page, verifier_accessibilite):
    page.get_by_role("link", name="Droits et devoirs").first.click()
    page.get_by_role("link", name="LAMBERT Julie").click()
    page.get_by_role("link", name="Décider").click()
    verifier_accessibilite(page)
    page.get_by_label("Motifs").fill("Absence sans motif légitime ; avis de l'équipe pluridisciplinaire suivi.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("La décision est enregistrée")).to_be_visible()
    _pdf(page, "Courrier de décision (PDF)")
    page.get_by_role("link", name="Droits et devoirs").first.click()
    page.get_by_role("link", name="Fichier CAF / MSA").click()
    verifier_accessibilite(page)
    with page.expect_download() as telechargement:
        page.get_by_role("button", name="Produire le fichier").click()
    contenu = Path(telechargement.value.path()).read_text(encoding="utf-8-sig")
    assert ";Lambert;Julie;" in contenu and ";suspension;" in contenu


def test_du_manquement_au_rappel_des_montants(page, live_server, comptes_demo, se_connecter, verifier_accessibilite):
    ts, responsable = comptes_demo["travailleur_social"], comptes_demo["responsable_mdd"]
    mdd = ts["user"].mdds.first()
    DelegationFactory(utilisateur=responsable["user"], date_debut=datetime.date(2025, 1, 1))
    parcours = ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(nom="Lambert", prenom="Julie"))
    OrientationFactory(parcours=parcours)
    RendezVousFactory(
        parcours=parcours, presence="absent_non_excuse", date=timezone.now() - datetime.timedelta(days=41)
    )

    se_connecter(ts["email"], ts["password"])
    _referent_ouvre_et_informe(page, verifier_accessibilite)
    _changer_de_compte(page, se_connecter, responsable)
    _seance_ep(page, verifier_accessibilite)
    _decision_et_fichier(page, verifier_accessibilite)
    _changer_de_compte(page, se_connecter, ts)
    page.get_by_role("link", name="Droits et devoirs").first.click()
    page.get_by_role("link", name="LAMBERT Julie").click()
    page.get_by_label("Date de la remobilisation").fill(timezone.localdate().isoformat())
    page.get_by_label("Comment la personne s'est remobilisée").select_option("rendez_vous")
    page.get_by_role("button", name="Lever la suspension").click()
    _pdf(page, "Courrier de fin de suspension et de rappel (PDF)")
    verifier_accessibilite(page)

    assert Manquement.objects.get().etat == "remobilise"
    assert Decision.objects.get().taux == 50
    assert list(MouvementOrganisme.objects.values_list("nature", flat=True)) == ["suspension", "levee"]
