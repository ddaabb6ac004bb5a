"""Business rules of the parcours events, tested without HTTP: refused input writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from parcours import contrats, mouvements, orientations, regles, suivi
from parcours.models import ChangementReferent, ContratEngagement, Frein, Note, Orientation, RendezVous, Sortie
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import (
    ContratEngagementFactory,
    FreinFactory,
    ParcoursFactory,
    RendezVousFactory,
    agent_mdd,
)

pytestmark = pytest.mark.django_db

DEMAIN = timezone.localdate() + datetime.timedelta(days=1)
HIER = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def parcours():
    return ParcoursFactory()


@pytest.fixture
def agent(parcours):
    return agent_mdd(parcours.mdd)


def test_orienter_fixe_l_orientation_courante_et_incremente_la_version(parcours, agent):
    orientation = orientations.orienter(
        parcours,
        type="sociale",
        organisme_referent="departement",
        date_decision=datetime.date(2025, 2, 10),
        par=agent,
        version=1,
    )
    parcours.refresh_from_db()
    assert parcours.orientation_courante == orientation
    assert parcours.version == 2
    assert parcours.modifie_par == agent
    assert parcours.history.first().history_user == agent


def test_une_reorientation_exige_un_motif(agent):
    parcours = ParcoursFactory(oriente=True)
    with pytest.raises(ValidationError) as erreur:
        orientations.orienter(
            parcours, type="professionnelle", organisme_referent="france_travail", date_decision=HIER, par=agent
        )
    assert "motif" in erreur.value.message_dict
    assert Orientation.objects.count() == 1
    reorientation = orientations.orienter(
        parcours,
        type="professionnelle",
        organisme_referent="france_travail",
        date_decision=HIER,
        par=agent,
        motif="Projet professionnel construit",
    )
    parcours.refresh_from_db()
    assert parcours.orientation_courante == reorientation


def test_orientation_refusee_dans_le_futur_ou_avec_un_organisme_incoherent(parcours, agent):
    with pytest.raises(ValidationError, match="futur"):
        orientations.orienter(
            parcours, type="sociale", organisme_referent="departement", date_decision=DEMAIN, par=agent
        )
    with pytest.raises(ValidationError, match="ne peut pas suivre"):
        orientations.orienter(
            parcours, type="sociale", organisme_referent="france_travail", date_decision=HIER, par=agent
        )
    parcours.refresh_from_db()
    assert Orientation.objects.count() == 0
    assert parcours.version == 1


def test_une_version_perimee_est_refusee_avec_le_nom_de_l_auteur(parcours, agent):
    collegue = agent_mdd(parcours.mdd, first_name="Claire", last_name="Martin")
    suivi.ajouter_note(parcours, date=HIER, texte="Premier passage", par=collegue, version=1)
    with pytest.raises(regles.ConflitDeVersion, match="modifié par Claire Martin entre-temps"):
        suivi.ajouter_note(parcours, date=HIER, texte="Second passage", par=agent, version=1)
    assert list(Note.objects.values_list("texte", flat=True)) == ["Premier passage"]
    parcours.refresh_from_db()
    assert parcours.version == 2


def test_changer_referent_exige_un_agent_de_la_mdd(parcours, agent):
    etranger = agent_mdd(MDDFactory())
    with pytest.raises(ValidationError, match="agent de la MDD"):
        orientations.changer_referent(parcours, nouveau=etranger, date=HIER, par=agent)
    assert ChangementReferent.objects.count() == 0
    orientations.changer_referent(parcours, nouveau=agent, date=HIER, par=agent)
    parcours.refresh_from_db()
    assert parcours.referent == agent
    with pytest.raises(ValidationError, match="déjà le référent"):
        orientations.changer_referent(parcours, nouveau=agent, date=HIER, par=agent)


@pytest.mark.parametrize(
    ("champs", "champ_en_erreur"),
    [
        ({"date_fin": datetime.date(2025, 2, 1)}, "date_fin"),
        ({"date_fin": datetime.date(2026, 6, 1)}, "motif_duree"),
        ({"heures_hebdomadaires": -1}, "heures_hebdomadaires"),
        ({"heures_hebdomadaires": 36}, "heures_hebdomadaires"),
        ({"date_signature": DEMAIN}, "date_signature"),
        ({"objectifs": "  "}, "objectifs"),
    ],
)
def test_contrat_invalide_refuse_sans_rien_ecrire(agent, champs, champ_en_erreur):
    parcours = ParcoursFactory(oriente=True)
    donnees = {
        "date_debut": datetime.date(2025, 3, 1),
        "date_fin": datetime.date(2025, 9, 1),
        "objectifs": "Formation",
        "heures_hebdomadaires": 15,
        **champs,
    }
    with pytest.raises(ValidationError) as erreur:
        contrats.enregistrer_contrat(parcours, par=agent, **donnees)
    assert champ_en_erreur in erreur.value.message_dict
    assert ContratEngagement.objects.count() == 0


def test_contrat_de_plus_de_12_mois_accepte_avec_un_motif(agent):
    parcours = ParcoursFactory(oriente=True)
    contrat = contrats.enregistrer_contrat(
        parcours,
        date_debut=datetime.date(2025, 3, 1),
        date_fin=datetime.date(2026, 6, 1),
        objectifs="Formation longue",
        heures_hebdomadaires=20,
        motif_duree="Formation qualifiante de 15 mois",
        date_signature=datetime.date(2025, 3, 1),
        par=agent,
    )
    parcours.refresh_from_db()
    assert parcours.contrat_courant == contrat
    assert contrat.etat == "signe"


def test_contrat_refuse_sur_un_parcours_non_oriente(parcours, agent):
    with pytest.raises(ValidationError, match="orienté"):
        contrats.enregistrer_contrat(
            parcours,
            date_debut=datetime.date(2025, 3, 1),
            date_fin=datetime.date(2025, 9, 1),
            objectifs="x",
            heures_hebdomadaires=15,
            par=agent,
        )


def test_signer_puis_resilier_suit_la_table_des_transitions(agent):
    contrat = ContratEngagementFactory(etat="brouillon", date_signature=None, parcours=ParcoursFactory(oriente=True))
    with pytest.raises(ValidationError):
        contrats.resilier_contrat(contrat, date_resiliation=HIER, motif="Déménagement", par=agent)
    contrats.signer_contrat(contrat, date_signature=datetime.date(2025, 3, 2), par=agent)
    assert contrat.etat == "signe"
    with pytest.raises(ValidationError, match="motif"):
        contrats.resilier_contrat(contrat, date_resiliation=HIER, motif="", par=agent)
    contrats.resilier_contrat(contrat, date_resiliation=HIER, motif="Déménagement", par=agent)
    contrat.refresh_from_db()
    assert contrat.etat == "resilie"
    with pytest.raises(ValidationError):
        contrats.signer_contrat(contrat, date_signature=HIER, par=agent)


def test_echoir_contrats_marque_les_contrats_signes_termines():
    echu = ContratEngagementFactory(date_fin=HIER)
    en_cours = ContratEngagementFactory(date_fin=DEMAIN)
    assert contrats.echoir_contrats() == 1
    echu.refresh_from_db()
    en_cours.refresh_from_db()
    assert (echu.etat, en_cours.etat) == ("echu", "signe")


def test_un_frein_ouvert_ne_peut_pas_etre_identifie_deux_fois_et_se_leve_une_fois(parcours, agent):
    frein = suivi.identifier_frein(parcours, categorie="mobilite", date_identification=HIER, par=agent)
    with pytest.raises(ValidationError, match="déjà ouvert"):
        suivi.identifier_frein(parcours, categorie="mobilite", date_identification=HIER, par=agent)
    with pytest.raises(ValidationError, match="futur"):
        suivi.lever_frein(frein, date_levee=DEMAIN, par=agent)
    suivi.lever_frein(frein, date_levee=HIER, par=agent)
    with pytest.raises(ValidationError, match="déjà levé"):
        suivi.lever_frein(frein, date_levee=HIER, par=agent)
    assert Frein.objects.filter(date_levee__isnull=True).count() == 0


def test_frein_leve_avant_identification_refuse(agent):
    frein = FreinFactory(date_identification=datetime.date(2025, 5, 1))
    with pytest.raises(ValidationError):
        suivi.lever_frein(frein, date_levee=datetime.date(2025, 4, 1), par=agent)
    frein.refresh_from_db()
    assert frein.date_levee is None


def test_la_presence_d_un_rendez_vous_futur_ne_peut_pas_etre_notee(parcours, agent):
    futur = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError):
        suivi.planifier_rendez_vous(parcours, date=futur, nature="individuel", presence="present", par=agent)
    rdv = suivi.planifier_rendez_vous(parcours, date=futur, nature="individuel", par=agent)
    with pytest.raises(ValidationError):
        suivi.noter_presence(rdv, presence="absent_excuse", par=agent)
    passe = RendezVousFactory(parcours=parcours, presence="prevu")
    suivi.noter_presence(passe, presence="absent_non_excuse", par=agent)
    assert RendezVous.objects.get(pk=passe.pk).presence == "absent_non_excuse"


def test_la_sortie_ferme_le_parcours_et_une_seconde_sortie_est_refusee(parcours, agent):
    with pytest.raises(ValidationError, match="précéder"):
        mouvements.enregistrer_sortie(parcours, date=datetime.date(2025, 1, 1), type="emploi_durable", par=agent)
    with pytest.raises(ValidationError, match="futur"):
        mouvements.enregistrer_sortie(parcours, date=DEMAIN, type="emploi_durable", par=agent)
    mouvements.enregistrer_sortie(parcours, date=HIER, type="emploi_durable", par=agent)
    parcours.refresh_from_db()
    assert parcours.date_sortie == HIER
    with pytest.raises(ValidationError, match="déjà clos"):
        mouvements.enregistrer_sortie(parcours, date=HIER, type="autre", par=agent)
    with pytest.raises(ValidationError, match="clos"):
        suivi.ajouter_note(parcours, date=HIER, texte="après", par=agent)
    assert Sortie.objects.count() == 1


def test_transferer_change_la_mdd_et_libere_le_referent(parcours, agent):
    parcours.referent = agent
    parcours.save()
    autre = MDDFactory()
    with pytest.raises(ValidationError, match="autre MDD"):
        mouvements.transferer(parcours, mdd_destination=parcours.mdd, date=HIER, par=agent)
    transfert = mouvements.transferer(parcours, mdd_destination=autre, date=HIER, par=agent)
    parcours.refresh_from_db()
    assert parcours.mdd == autre
    assert parcours.referent is None
    assert transfert.mdd_origine != autre


def test_une_note_vide_ou_future_est_refusee(parcours):
    agent = UserFactory()
    with pytest.raises(ValidationError):
        suivi.ajouter_note(parcours, date=HIER, texte=" ", par=agent)
    with pytest.raises(ValidationError):
        suivi.ajouter_note(parcours, date=DEMAIN, texte="x", par=agent)
    assert Note.objects.count() == 0
