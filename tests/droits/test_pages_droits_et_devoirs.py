"""The pages: the circuit through the client, refusals shown in French with nothing written, what an outside EP
member sees of a file (no notes, no freins), the access journal, and a bounded number of queries on the list."""

import datetime

import pytest
from django.urls import reverse

from droits.ep import inscrire_dossier
from droits.models import Decision, Manquement
from pacte.models import JournalAcces
from tests.droits.factories import DelegationFactory, manquement_informe, seance_avec_quorum
from tests.pacte.factories import UserFactory
from tests.parcours.factories import FreinFactory, NoteFactory, ParcoursFactory, RendezVousFactory


@pytest.mark.django_db
def test_le_referent_ouvre_informe_et_recueille_les_observations(client, parcours, agent):
    client.force_login(agent)
    reponse = client.post(
        reverse("droits:ouvrir", args=[parcours.pk]),
        {"nature": "refus_action", "date_constat": "2025-09-01", "faits": "Refus de l'atelier CV du 1er septembre."},
    )
    manquement = Manquement.objects.get()
    assert reponse.status_code == 302 and manquement.origine == "referent"
    client.post(reverse("droits:agir", args=[manquement.pk, "informer"]), {"informer-date_information": "2025-09-02"})
    client.post(
        reverse("droits:agir", args=[manquement.pk, "observation"]),
        {"observation-forme": "ecrite", "observation-date": "2025-09-10", "observation-texte": "J'étais malade."},
    )
    manquement.refresh_from_db()
    assert manquement.etat == "informe" and manquement.observations.count() == 1
    page = client.get(reverse("droits:manquement", args=[manquement.pk]))
    assert "J&#x27;étais malade." in page.content.decode()
    assert (
        client.get(reverse("droits:courrier", args=[manquement.pk, "information"]))["Content-Type"] == "application/pdf"
    )
    assert JournalAcces.objects.filter(objet="manquement", objet_id=manquement.pk, nature="export").exists()
    fiche = client.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode()
    assert "Manquement : courrier d&#x27;information envoyé" in fiche  # on the parcours timeline


@pytest.mark.django_db
def test_une_decision_avant_la_fin_du_delai_est_refusee_en_francais(client, parcours, agent, mdd):
    manquement = manquement_informe(parcours, agent)
    delegataire = DelegationFactory(utilisateur__mdds=[mdd]).utilisateur
    client.force_login(delegataire)
    reponse = client.post(
        reverse("droits:decider", args=[manquement.pk]),
        {"nature": "sans_sanction", "date_decision": "2025-09-20", "motivation": "Motif légitime."},
    )
    assert reponse.status_code == 200
    assert "aucune décision avant son terme" in reponse.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_un_membre_exterieur_ne_voit_du_dossier_que_ce_qu_il_faut_a_l_ep(client, parcours, agent):
    NoteFactory(parcours=parcours, texte="Confidence sur la famille")
    FreinFactory(parcours=parcours, categorie="sante")
    caf = UserFactory(partenaire_user=True)
    seance = seance_avec_quorum(parcours.mdd.territoire, exterieur=caf)
    dossier = inscrire_dossier(seance, manquement_informe(parcours, agent), par=agent)
    autre = inscrire_dossier(
        seance_avec_quorum(parcours.mdd.territoire),
        manquement_informe(ParcoursFactory(mdd=parcours.mdd), agent),
        par=agent,
    )
    client.force_login(caf)
    page = client.get(reverse("droits:dossier", args=[dossier.pk])).content.decode()
    assert "Absent à la convocation" in page
    assert "Confidence" not in page and "Santé" not in page and "santé" not in page
    assert client.get(reverse("droits:dossier", args=[autre.pk])).status_code == 404
    assert client.get(reverse("droits:seance", args=[autre.seance_id])).status_code == 404
    assert client.get(reverse("droits:manquement", args=[dossier.manquement_id])).status_code == 404
    assert JournalAcces.objects.filter(utilisateur=caf, objet="dossier_ep", objet_id=dossier.pk).exists()


@pytest.mark.django_db
def test_la_liste_et_ses_alertes_en_un_nombre_borne_de_requetes(client, parcours, agent, django_assert_max_num_queries):
    for _ in range(5):
        autre = ParcoursFactory(mdd=parcours.mdd)
        manquement_informe(autre, agent)
        RendezVousFactory(
            parcours=autre, presence="absent_non_excuse", date=datetime.datetime(2025, 9, 1, 9, tzinfo=datetime.UTC)
        )
    client.force_login(agent)
    with django_assert_max_num_queries(16):
        reponse = client.get(reverse("droits:manquements"))
    assert reponse.content.decode().count("Ouvrir un manquement") == 5
    assert JournalAcces.objects.filter(objet="manquement").count() == 5
