"""The parcours page: header, timeline newest first, htmx forms with normal-POST fallback (the change history,
loaded on demand, is proved in test_historique_a_la_demande)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacte.models import JournalAcces
from parcours import orientations, suivi
from parcours.models import ContratEngagement, Frein, Note, Orientation, Parcours, RendezVous
from tests.parcours.factories import (
    ChangementReferentFactory,
    ContratEngagementFactory,
    FreinFactory,
    NoteFactory,
    OrientationFactory,
    ParcoursFactory,
    PrescriptionFactory,
    RendezVousFactory,
    agent_mdd,
)

pytestmark = pytest.mark.django_db
HIER = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def parcours(mdd):
    return ParcoursFactory(mdd=mdd, beneficiaire__nom="Lefèvre", beneficiaire__prenom="Hélène")


def url_fiche(parcours):
    return reverse("parcours:fiche", args=[parcours.pk])


def url_evenement(parcours, slug):
    return reverse("parcours:enregistrer", args=[parcours.pk, slug])


def test_la_page_montre_l_en_tete_la_chronologie_et_journalise(client_agent, parcours, agent):
    OrientationFactory(parcours=parcours, date_decision=datetime.date(2025, 2, 10))
    FreinFactory(parcours=parcours, categorie="logement", date_identification=datetime.date(2025, 3, 1))
    NoteFactory(parcours=parcours, date=datetime.date(2025, 4, 1), texte="Entretien très positif")
    PrescriptionFactory(parcours=parcours, action__intitule="Chantier espaces verts")
    response = client_agent.get(url_fiche(parcours))
    assert response.status_code == 200
    contenu = response.content.decode()
    assert "VARIABLE INCONNUE" not in contenu
    assert contenu.count("<h1") == 1
    assert "LEFÈVRE Hélène" in contenu
    assert "Logement" in contenu
    assert "Chantier espaces verts" in contenu
    dates = [e.date for e in response.context["timeline"]]
    assert dates == sorted(dates, reverse=True)
    assert contenu.index("Entretien très positif") < contenu.index("Frein identifié : Logement")
    entree = JournalAcces.objects.get(objet="parcours")
    assert (entree.utilisateur, entree.objet_id, entree.beneficiaire_id) == (
        agent,
        parcours.pk,
        parcours.beneficiaire_id,
    )


def test_orientation_par_htmx_renvoie_le_fragment_a_jour(client_agent, parcours):
    response = client_agent.post(
        url_evenement(parcours, "orientation"),
        {
            "orientation-version": 1,
            "orientation-type": "sociale",
            "orientation-organisme_referent": "departement",
            "orientation-date_decision": "2025-02-15",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    contenu = response.content.decode()
    assert "<html" not in contenu
    assert "Orientation enregistrée." in contenu
    assert "Orientation sociale du 15/02/2025" in contenu
    parcours.refresh_from_db()
    assert parcours.orientation_courante.type == "sociale"
    assert JournalAcces.objects.filter(nature="modification", objet_id=parcours.pk).exists()


def test_sans_javascript_le_post_redirige_vers_la_page(client_agent, parcours):
    response = client_agent.post(
        url_evenement(parcours, "note"), {"note-version": 1, "note-date": HIER.isoformat(), "note-texte": "Appel"}
    )
    assert response.status_code == 302
    assert response.url.startswith(url_fiche(parcours))
    assert Note.objects.get().texte == "Appel"


@pytest.mark.parametrize(
    ("operateur", "marque_d_erreur"),
    [("operateur_etat", "fr-input-group--error"), ("operateur_collectivite", "pacte-erreur")],
)
def test_un_formulaire_refuse_n_ecrit_rien_et_montre_l_erreur_pres_du_champ(
    client_agent, parcours, operateur, marque_d_erreur, request
):
    request.getfixturevalue(operateur)
    OrientationFactory(parcours=parcours)
    response = client_agent.post(
        url_evenement(parcours, "contrat"),
        {
            "contrat-version": 1,
            "contrat-date_debut": "2025-03-01",
            "contrat-date_fin": "2026-09-01",
            "contrat-objectifs": "Formation",
            "contrat-heures_hebdomadaires": "15",
        },
    )
    assert response.status_code == 200
    contenu = response.content.decode()
    assert "Un contrat de plus de 12 mois doit indiquer le motif" in contenu
    assert marque_d_erreur in contenu
    assert ContratEngagement.objects.count() == 0


def test_heures_negatives_refusees(client_agent, parcours):
    OrientationFactory(parcours=parcours)
    response = client_agent.post(
        url_evenement(parcours, "contrat"),
        {
            "contrat-version": 1,
            "contrat-date_debut": "2025-03-01",
            "contrat-date_fin": "2025-09-01",
            "contrat-objectifs": "Formation",
            "contrat-heures_hebdomadaires": "-3",
        },
    )
    assert "supérieure ou égale à 0" in response.content.decode()
    assert ContratEngagement.objects.count() == 0


def test_deux_agents_sur_le_meme_parcours_le_second_voit_un_message_et_garde_sa_saisie(client, parcours, mdd):
    premiere = agent_mdd(mdd, first_name="Claire", last_name="Martin")
    seconde = agent_mdd(mdd)
    suivi.ajouter_note(parcours, date=HIER, texte="Saisie de Claire", par=premiere, version=1)
    client.force_login(seconde)
    response = client.post(
        url_evenement(parcours, "frein"),
        {
            "frein-version": 1,
            "frein-categorie": "numerique",
            "frein-date_identification": HIER.isoformat(),
            "frein-commentaire": "Pas d'ordinateur à la maison",
        },
        headers={"HX-Request": "true"},
    )
    contenu = response.content.decode()
    assert "Ce parcours a été modifié par Claire Martin entre-temps" in contenu
    assert "Pas d&#x27;ordinateur à la maison" in contenu
    assert 'name="frein-version" value="2"' in contenu
    assert Frein.objects.count() == 0
    # Resubmitting from the refreshed version records it.
    client.post(
        url_evenement(parcours, "frein"),
        {"frein-version": 2, "frein-categorie": "numerique", "frein-date_identification": HIER.isoformat()},
    )
    assert Frein.objects.count() == 1


def test_chaque_evenement_s_enregistre_par_son_formulaire(client_agent, parcours, agent, mdd):
    OrientationFactory(parcours=parcours)
    brouillon = ContratEngagementFactory(parcours=parcours, etat="brouillon", date_signature=None)
    frein = FreinFactory(parcours=parcours)
    rdv = RendezVousFactory(parcours=parcours, presence="prevu")
    autre_mdd = agent_mdd(mdd).mdds.first()
    envois = [
        ("referent", {"nouveau": agent.pk, "date": HIER.isoformat()}),
        ("signature", {"contrat": brouillon.pk, "date_signature": HIER.isoformat()}),
        ("levee", {"frein": frein.pk, "date_levee": HIER.isoformat()}),
        ("presence", {"rendez_vous": rdv.pk, "presence": "absent_excuse"}),
        ("rendez_vous", {"date": HIER.isoformat(), "heure": "10:00", "nature": "individuel", "presence": "present"}),
        ("resiliation", {"contrat": brouillon.pk, "date_resiliation": HIER.isoformat(), "motif_resiliation": "Emploi"}),
    ]
    for slug, donnees in envois:
        version = Parcours.objects.get(pk=parcours.pk).version
        champs = {f"{slug}-{k}": v for k, v in donnees.items()} | {f"{slug}-version": version}
        response = client_agent.post(url_evenement(parcours, slug), champs)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    parcours.refresh_from_db()
    brouillon.refresh_from_db()
    frein.refresh_from_db()
    assert parcours.referent == agent
    assert brouillon.etat == "resilie"
    assert frein.date_levee == HIER
    assert RendezVous.objects.get(pk=rdv.pk).presence == "absent_excuse"
    assert RendezVous.objects.count() == 2
    assert autre_mdd == mdd


def test_sortie_puis_plus_aucun_formulaire(client_agent, parcours):
    client_agent.post(
        url_evenement(parcours, "sortie"),
        {"sortie-version": 1, "sortie-date": HIER.isoformat(), "sortie-type": "emploi_durable"},
    )
    parcours.refresh_from_db()
    assert parcours.date_sortie == HIER
    response = client_agent.get(url_fiche(parcours))
    assert response.context["formulaires"] == []
    assert "parcours clos le" in response.content.decode()
    assert "VARIABLE INCONNUE" not in response.content.decode()
    response = client_agent.post(
        url_evenement(parcours, "sortie"),
        {"sortie-version": parcours.version, "sortie-date": HIER.isoformat(), "sortie-type": "autre"},
    )
    assert "déjà clos" in response.content.decode()


def test_transfert_vers_une_autre_mdd_sort_de_la_file_active(client_agent, parcours):
    from tests.pacte.factories import MDDFactory

    destination = MDDFactory()
    response = client_agent.post(
        url_evenement(parcours, "transfert"),
        {"transfert-version": 1, "transfert-mdd_destination": destination.pk, "transfert-date": HIER.isoformat()},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Redirect"] == reverse("parcours:file_active")
    parcours.refresh_from_db()
    assert parcours.mdd == destination
    assert client_agent.get(url_fiche(parcours)).status_code == 404


def test_l_historique_des_modifications_est_visible(client_agent, parcours, agent):
    orientations.changer_referent(parcours, nouveau=agent, date=HIER, par=agent)
    contenu = client_agent.get(url_fiche(parcours)).content.decode()
    assert ">Historique des modifications</summary>" in contenu
    historique = client_agent.get(reverse("parcours:historique", args=[parcours.pk]), headers={"HX-Request": "true"})
    assert f"Référent unique : — → {agent}" in historique.content.decode()


def test_un_evenement_inconnu_repond_404(client_agent, parcours):
    assert client_agent.post(url_evenement(parcours, "inconnu"), {}).status_code == 404
    assert Orientation.objects.count() == 0


def _remplir(parcours, agent, n):
    orientations.orienter(parcours, type="sociale", organisme_referent="departement", date_decision=HIER, par=agent)
    for i in range(n):
        suivi.ajouter_note(parcours, date=HIER, texte=f"Note {i}", par=agent)
        RendezVousFactory(parcours=parcours, avec=agent, created_by=agent)
        FreinFactory(
            parcours=parcours, categorie=["mobilite", "logement", "sante"][i % 3], date_levee=HIER, created_by=agent
        )
        ContratEngagementFactory(parcours=parcours, created_by=agent)
        PrescriptionFactory(parcours=parcours, prescripteur=agent)
    orientations.changer_referent(parcours, nouveau=agent, date=HIER, par=agent)


@pytest.mark.parametrize("evenements", [5, 50])
def test_nombre_de_requetes_de_la_page_constant(
    client_agent, parcours, agent, django_assert_max_num_queries, evenements
):
    _remplir(parcours, agent, evenements)
    with django_assert_max_num_queries(30):
        response = client_agent.get(url_fiche(parcours))
    assert "VARIABLE INCONNUE" not in response.content.decode()
    assert len(response.context["timeline"]) >= evenements * 5


def test_la_page_nomme_les_personnes_sans_une_requete_par_evenement(client_agent, parcours, agent, mdd):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    collegue = agent_mdd(mdd, first_name="Paul", last_name="Collègue")
    precedente = agent_mdd(mdd, first_name="Anne", last_name="Précédente")
    NoteFactory(parcours=parcours, date=HIER, texte="Premier entretien", created_by=collegue)
    RendezVousFactory(parcours=parcours, avec=precedente, created_by=agent)
    ChangementReferentFactory(parcours=parcours, ancien=precedente, nouveau=collegue, created_by=agent)
    with CaptureQueriesContext(connection) as requetes:
        response = client_agent.get(url_fiche(parcours))
    contenu = response.content.decode()
    assert f"Saisi par {collegue}" in contenu
    assert f"Avec : {precedente}" in contenu
    assert f"Référent unique : {collegue}" in contenu and f"Précédent : {precedente}" in contenu
    lectures_des_personnes = [q for q in requetes.captured_queries if q["sql"].startswith('SELECT "pacte_user"')]
    # The logged-in user (authentication), the people of the timeline: not one query (nor one join) per event.
    # The history's authors are read by the history view (test_historique_a_la_demande).
    assert len(lectures_des_personnes) == 2


def test_le_lien_prescrire_mene_au_catalogue_pour_ce_parcours(client_agent, parcours):
    contenu = client_agent.get(url_fiche(parcours)).content.decode()
    assert f"{reverse('partenaires:catalogue')}?parcours={parcours.pk}" in contenu


def test_les_heures_se_saisissent_avec_une_virgule(client_agent, parcours):
    OrientationFactory(parcours=parcours)
    client_agent.post(
        url_evenement(parcours, "contrat"),
        {
            "contrat-version": 1,
            "contrat-date_debut": "2025-03-01",
            "contrat-date_fin": "2025-09-01",
            "contrat-objectifs": "Formation",
            "contrat-heures_hebdomadaires": "17,5",
        },
    )
    contrat = ContratEngagement.objects.get()
    assert str(contrat.heures_hebdomadaires) == "17.5"
    assert contrat.etat == "brouillon"


def test_modifier_les_coordonnees_garde_l_historique(client_agent, parcours, agent):
    response = client_agent.post(
        url_evenement(parcours, "coordonnees"),
        {"coordonnees-version": 1, "coordonnees-adresse": "3 rue des Tanneries", "coordonnees-telephone": "0555000000"},
    )
    assert response.status_code == 302
    parcours.beneficiaire.refresh_from_db()
    assert parcours.beneficiaire.adresse == "3 rue des Tanneries"
    contenu = client_agent.get(reverse("parcours:historique", args=[parcours.pk])).content.decode()
    assert "Personne (modification)" in contenu
    assert "3 rue des Tanneries" in contenu
    assert parcours.beneficiaire.history.first().history_user == agent
