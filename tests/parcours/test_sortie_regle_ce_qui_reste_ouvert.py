"""The sortie lists what is still open and settles each item through its state machine, in one transaction:
the signed contract résilié, pending prescriptions annulées (the partner told), an entered one closed, future
rendez-vous withdrawn and named on the timeline, open freins left unlifted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from parcours import sortie
from parcours.models import (
    Avis,
    ContratEngagement,
    Frein,
    Note,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
    TransitionContrat,
    TransitionPrescription,
)
from parcours.prescriptions import changer_etat, transitions_possibles
from tests.pacte.factories import UserFactory
from tests.parcours.factories import (
    ContratEngagementFactory,
    FreinFactory,
    ParcoursFactory,
    PrescriptionFactory,
    RendezVousFactory,
)

pytestmark = pytest.mark.django_db
HIER = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def parcours(mdd):
    return ParcoursFactory(mdd=mdd, oriente=True)


@pytest.fixture
def ouvert(parcours, agent):
    contrat = ContratEngagementFactory(parcours=parcours, date_fin=timezone.localdate() + datetime.timedelta(days=90))
    Parcours.objects.filter(pk=parcours.pk).update(contrat_courant=contrat)
    proposee = PrescriptionFactory(parcours=parcours, prescripteur=agent)
    compte_partenaire = UserFactory(partenaire_user=True, partenaire=proposee.action.partenaire)
    entree = PrescriptionFactory(
        parcours=parcours, prescripteur=agent, etat="entree", date_entree=datetime.date(2025, 4, 10)
    )
    futur = RendezVousFactory(parcours=parcours, presence="prevu", date=timezone.now() + datetime.timedelta(days=5))
    frein = FreinFactory(parcours=parcours)
    return {
        "contrat": contrat,
        "proposee": proposee,
        "entree": entree,
        "futur": futur,
        "frein": frein,
        "partenaire": compte_partenaire,
    }


def test_la_liste_nomme_tout_ce_qui_reste_ouvert(parcours, ouvert):
    liste = sortie.ouvert_a_la_sortie(parcours)
    assert liste.contrats == [ouvert["contrat"]]
    assert liste.prescriptions == [ouvert["proposee"], ouvert["entree"]]
    assert liste.rendez_vous == [ouvert["futur"]]
    assert liste.freins == [ouvert["frein"]]


def test_sans_confirmation_de_la_liste_rien_n_est_ecrit(parcours, ouvert, agent):
    with pytest.raises(ValidationError, match="vérifiez ce que la sortie va changer"):
        sortie.cloturer(parcours, date=HIER, type="emploi_durable", par=agent, empreinte="")
    assert not Sortie.objects.exists()
    assert ContratEngagement.objects.get(pk=ouvert["contrat"].pk).etat == "signe"


def test_la_sortie_regle_chaque_element_par_sa_machine_a_etats(parcours, ouvert, agent):
    empreinte = sortie.ouvert_a_la_sortie(parcours).empreinte()
    sortie.cloturer(parcours, date=HIER, type="emploi_durable", par=agent, empreinte=empreinte)
    contrat = ContratEngagement.objects.get(pk=ouvert["contrat"].pk)
    assert (contrat.etat, contrat.date_resiliation) == ("resilie", HIER)
    assert TransitionContrat.objects.filter(contrat=contrat, etat_apres="resilie", par=agent).exists()
    proposee = Prescription.objects.get(pk=ouvert["proposee"].pk)
    assert proposee.etat == "annulee" and "Sortie du dispositif" in proposee.motif
    assert TransitionPrescription.objects.filter(prescription=proposee, etat_apres="annulee").exists()
    entree = Prescription.objects.get(pk=ouvert["entree"].pk)
    assert (entree.etat, entree.type_sortie, entree.date_sortie) == ("sortie", "emploi_durable", HIER)
    assert not RendezVous.objects.filter(pk=ouvert["futur"].pk).exists()
    assert "Rendez-vous annulés à la sortie" in Note.objects.get(parcours=parcours).texte
    assert Frein.objects.get(pk=ouvert["frein"].pk).date_levee is None
    avis = Avis.objects.get(destinataire=ouvert["partenaire"])
    assert "annulée" in avis.texte and str(proposee.pk) in avis.lien
    assert Parcours.objects.get(pk=parcours.pk).date_sortie == HIER


def test_une_erreur_sur_un_element_annule_toute_la_sortie(parcours, ouvert, agent):
    ContratEngagement.objects.filter(pk=ouvert["contrat"].pk).update(date_signature=timezone.localdate())
    empreinte = sortie.ouvert_a_la_sortie(parcours).empreinte()
    with pytest.raises(ValidationError, match="précéder la signature"):
        sortie.cloturer(parcours, date=HIER, type="autre", par=agent, empreinte=empreinte)
    assert not Sortie.objects.exists()
    assert Prescription.objects.get(pk=ouvert["proposee"].pk).etat == "proposee"
    assert RendezVous.objects.filter(pk=ouvert["futur"].pk).exists()


def test_le_partenaire_ne_peut_pas_annuler_une_prescription(ouvert):
    assert "annulee" not in transitions_possibles("proposee")
    with pytest.raises(ValidationError, match="Seul le prescripteur"):
        changer_etat(ouvert["proposee"], "annulee", ouvert["partenaire"])


def test_la_page_montre_la_liste_puis_confirme(client_agent, parcours, ouvert):
    url = reverse("parcours:enregistrer", args=[parcours.pk, "sortie"])
    page = client_agent.get(url).content.decode()
    assert "Ce que la sortie va changer" in page
    assert "sera résilié à la date de sortie" in page
    assert f"« {escape(ouvert['proposee'].action.intitule)} »" in page
    assert "reste non levé" in page
    donnees = {"sortie-version": parcours.version, "sortie-date": HIER.isoformat(), "sortie-type": "autre"}
    refus = client_agent.post(url, donnees)
    assert refus.status_code == 200 and not Sortie.objects.exists()
    donnees["sortie-confirmation"] = sortie.ouvert_a_la_sortie(parcours).empreinte()
    assert client_agent.post(url, donnees).status_code == 302
    assert Sortie.objects.filter(parcours=parcours).exists()
    assert Prescription.objects.get(pk=ouvert["proposee"].pk).etat == "annulee"


def test_le_partenaire_lit_l_avis_sur_son_accueil_et_le_marque_lu(client, parcours, ouvert, agent):
    empreinte = sortie.ouvert_a_la_sortie(parcours).empreinte()
    sortie.cloturer(parcours, date=HIER, type="emploi_durable", par=agent, empreinte=empreinte)
    client.force_login(ouvert["partenaire"])
    accueil = client.get(reverse("accueil")).content.decode()
    assert "Avis à lire" in accueil and "est annulée" in accueil
    avis = Avis.objects.get(destinataire=ouvert["partenaire"])
    # Nobody marks another's notice: 404.
    client.force_login(agent)
    assert client.post(reverse("parcours:avis_lu", args=[avis.pk])).status_code == 404
    client.force_login(ouvert["partenaire"])
    assert client.post(reverse("parcours:avis_lu", args=[avis.pk])).status_code == 302
    assert Avis.objects.get(pk=avis.pk).lu_le is not None
    assert "Avis à lire" not in client.get(reverse("accueil")).content.decode()
