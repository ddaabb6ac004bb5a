"""The réorientation circuit: the référent asks with a motif, a chargé d'orientation or the responsable de MDD
decides (accept, which records the orientation, or refuse with a motif), the référent is told on their home page,
both steps are on the timeline; the référent cannot reorient directly; decisions only in scope (404 otherwise)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pacte.models import JournalAcces
from parcours import reorientations
from parcours.models import Avis, DemandeReorientation, Orientation, TransitionDemandeReorientation
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import OrientationFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
AUJOURDHUI = timezone.localdate()


@pytest.fixture
def parcours(mdd):
    p = ParcoursFactory(mdd=mdd)
    OrientationFactory(parcours=p)
    return p


@pytest.fixture
def demande(parcours, agent):
    return reorientations.demander(
        parcours,
        par=agent,
        type_souhaite="professionnelle",
        organisme_souhaite="france_travail",
        motif="Projet professionnel construit",
    )


def test_la_machine_a_etats(demande, agent):
    assert reorientations.TRANSITIONS[reorientations.E.ACCEPTEE] == frozenset()
    with pytest.raises(ValidationError, match="déjà en attente"):
        reorientations.demander(
            demande.parcours, par=agent, type_souhaite="sociale", organisme_souhaite="ccas", motif="Autre"
        )
    assert TransitionDemandeReorientation.objects.filter(demande=demande, etat_apres="en_attente").count() == 1


def test_un_refus_sans_motif_est_refuse_et_rien_n_est_ecrit(demande):
    charge = UserFactory(charge_orientation=True)
    with pytest.raises(ValidationError):
        reorientations.decider(demande, par=charge, accepter=False, motif_decision="")
    assert DemandeReorientation.objects.get(pk=demande.pk).etat == "en_attente"
    assert not Avis.objects.exists()


def test_accepter_oriente_et_avertit_le_referent(client, demande, agent):
    charge = UserFactory(charge_orientation=True)
    client.force_login(charge)
    assert reverse("parcours:reorientations") in client.get("/").content.decode()
    liste = client.get(reverse("parcours:reorientations")).content.decode()
    url = reverse("parcours:decider_reorientation", args=[demande.pk])
    assert url in liste
    reponse = client.post(
        url,
        {
            "decision": "accepter",
            "type": "professionnelle",
            "organisme_referent": "france_travail",
            "date": AUJOURDHUI.isoformat(),
            "motif_decision": "Accord",
        },
    )
    assert reponse.status_code == 302
    demande.refresh_from_db()
    assert demande.etat == "acceptee" and demande.decidee_par == charge
    parcours = demande.parcours
    parcours.refresh_from_db()
    assert parcours.orientation_courante.type == "professionnelle"
    assert Orientation.objects.filter(parcours=parcours).count() == 2
    assert JournalAcces.objects.filter(utilisateur=charge, objet="demande de réorientation").exists()
    client.force_login(agent)
    assert "Votre demande de réorientation pour" in client.get("/").content.decode()
    fiche = client.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode()
    assert "Demande de réorientation acceptée" in fiche
    assert "Demande de réorientation</" in fiche or "— Demande de réorientation" in fiche


def test_le_responsable_refuse_pour_sa_mdd_seulement(client, mdd, demande):
    responsable = UserFactory(responsable_mdd=True, mdds=[mdd])
    autre = UserFactory(responsable_mdd=True, mdds=[MDDFactory()])
    url = reverse("parcours:decider_reorientation", args=[demande.pk])
    client.force_login(autre)
    assert client.get(url).status_code == 404
    client.force_login(responsable)
    reponse = client.post(
        url,
        {
            "decision": "refuser",
            "type": "professionnelle",
            "organisme_referent": "france_travail",
            "date": AUJOURDHUI.isoformat(),
            "motif_decision": "Projet à consolider",
        },
    )
    assert reponse.status_code == 302
    assert DemandeReorientation.objects.get(pk=demande.pk).etat == "refusee"
    assert "Projet à consolider" in Avis.objects.get(destinataire=demande.demandee_par).texte


def test_le_referent_ne_reoriente_plus_directement_il_demande(client_agent, parcours):
    fiche = client_agent.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode()
    assert "Demander une réorientation" in fiche
    assert "Orienter ou réorienter" not in fiche
    reponse = client_agent.post(
        reverse("parcours:enregistrer", args=[parcours.pk, "orientation"]),
        {
            "orientation-version": parcours.version,
            "orientation-type": "professionnelle",
            "orientation-organisme_referent": "france_travail",
            "orientation-date_decision": AUJOURDHUI.isoformat(),
            "orientation-motif": "Direct",
        },
    )
    assert reponse.status_code == 200
    assert Orientation.objects.filter(parcours=parcours).count() == 1
    reponse = client_agent.post(
        reverse("parcours:enregistrer", args=[parcours.pk, "reorientation"]),
        {
            "reorientation-version": parcours.version,
            "reorientation-type_souhaite": "professionnelle",
            "reorientation-organisme_souhaite": "france_travail",
            "reorientation-motif": "Projet professionnel",
        },
    )
    assert reponse.status_code == 302
    assert DemandeReorientation.objects.filter(parcours=parcours, etat="en_attente").count() == 1


def test_un_travailleur_social_ne_decide_pas(client_agent, demande):
    assert client_agent.get(reverse("parcours:reorientations")).status_code == 404
    assert client_agent.get(reverse("parcours:decider_reorientation", args=[demande.pk])).status_code == 404
