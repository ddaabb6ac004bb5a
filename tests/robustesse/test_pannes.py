"""The database going away in the middle of a request: a French error page, and nothing half-written.

Each service runs in one transaction (ATOMIC_REQUESTS is off): a failure raised after its first write
must roll that write back. The failure is raised at a chosen point (a function called between two writes
of the service), or the connection is closed there.
"""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from parcours import regles
from parcours.choices import EtatPrescription
from parcours.models import Beneficiaire, Parcours, Prescription, Sortie, TransitionPrescription
from parcours.sortie import ouvert_a_la_sortie
from partenaires.models import Action, Ajustement, ObjectifAction
from tests.robustesse.conftest import construire_monde, differences, empreinte

pytestmark = pytest.mark.django_db

J = timezone.localdate().isoformat()


def panne(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def client_de(utilisateur):
    client = Client(raise_request_exception=False)
    client.force_login(utilisateur)
    return client


def verifier_page_d_erreur(reponse):
    assert reponse.status_code == 500
    contenu = reponse.content.decode()
    assert "Le service rencontre une difficulté" in contenu
    assert "rien n'a été enregistré" in contenu
    assert 'lang="fr"' in contenu


@pytest.fixture
def monde(db):
    return construire_monde()


def test_sortie_interrompue_apres_son_ecriture_ne_laisse_ni_sortie_ni_parcours_clos(monde):
    parcours = monde.parcours
    avant = empreinte()
    client = client_de(monde.travailleur_social)
    with mock.patch("parcours.mouvements.enregistrer_parcours", side_effect=panne) as point:
        reponse = client.post(
            reverse("parcours:enregistrer", args=[parcours.pk, "sortie"]),
            {
                "sortie-date": J,
                "sortie-type": "emploi_durable",
                "sortie-version": parcours.version,
                "sortie-confirmation": ouvert_a_la_sortie(parcours).empreinte(),
            },
        )
    assert point.called  # the failure happened after the Sortie row was written
    verifier_page_d_erreur(reponse)
    assert not Sortie.objects.filter(parcours=parcours).exists()
    rechargé = Parcours.objects.get(pk=parcours.pk)
    assert rechargé.date_sortie is None and rechargé.version == parcours.version
    assert not differences(avant, empreinte())


def test_orientation_interrompue_ne_laisse_pas_d_orientation_orpheline(monde):
    parcours = monde.parcours_nouveau
    avant = empreinte()
    client = client_de(monde.charge_orientation)
    with mock.patch("parcours.orientations.enregistrer_parcours", side_effect=panne) as point:
        reponse = client.post(
            reverse("parcours:orienter", args=[parcours.pk]),
            {
                "orientation-type": "sociale",
                "orientation-organisme_referent": "ccas",
                "orientation-date_decision": J,
                "orientation-version": parcours.version,
            },
        )
    assert point.called
    verifier_page_d_erreur(reponse)
    assert Parcours.objects.get(pk=parcours.pk).orientation_courante_id is None
    assert not differences(avant, empreinte())


def test_creation_interrompue_a_l_ouverture_du_parcours_ne_laisse_pas_de_beneficiaire(monde):
    avant = empreinte()
    client = client_de(monde.travailleur_social)
    with mock.patch("parcours.personnes.ouvrir_parcours", side_effect=panne) as point:
        reponse = client.post(
            reverse("parcours:creer"),
            {
                "organisme_payeur": "caf",
                "numero_allocataire": "7654321",
                "qualite": "demandeur",
                "nom": "Martin",
                "prenom": "Zoé",
                "date_naissance": "1990-05-17",
                "mdd": monde.mdd.pk,
                "date_ouverture_droit": (timezone.localdate() - datetime.timedelta(days=20)).isoformat(),
                "date_entree": J,
            },
        )
    assert point.called
    verifier_page_d_erreur(reponse)
    assert not Beneficiaire.objects.filter(numero_allocataire="7654321").exists()
    assert not differences(avant, empreinte())


def test_changement_d_etat_interrompu_avant_son_journal_ne_change_pas_l_etat(monde):
    prescription = monde.prescriptions[EtatPrescription.PROPOSEE]
    transitions = TransitionPrescription.objects.filter(prescription=prescription).count()
    avant = empreinte()
    client = client_de(monde.partenaire_user)
    with mock.patch.object(TransitionPrescription.objects, "create", side_effect=panne) as point:
        reponse = client.post(
            reverse("partenaires:prescription_recue", args=[prescription.pk]), {"etat": "acceptee", "date": J}
        )
    assert point.called  # the state was saved, the log row failed
    verifier_page_d_erreur(reponse)
    assert Prescription.objects.get(pk=prescription.pk).etat == EtatPrescription.PROPOSEE
    assert TransitionPrescription.objects.filter(prescription=prescription).count() == transitions
    assert not differences(avant, empreinte())


def test_prescription_interrompue_avant_son_journal_n_existe_pas(monde):
    avant = empreinte()
    client = client_de(monde.travailleur_social)
    with mock.patch.object(TransitionPrescription.objects, "create", side_effect=panne) as point:
        reponse = client.post(
            reverse("partenaires:prescrire", args=[monde.action.pk]) + f"?parcours={monde.parcours_nouveau.pk}",
            {"motif_hors_capacite": ""},
        )
    assert point.called
    verifier_page_d_erreur(reponse)
    assert not Prescription.objects.filter(parcours=monde.parcours_nouveau).exists()
    assert not differences(avant, empreinte())


@pytest.mark.parametrize(
    ("effet", "champs"),
    [
        ("places", {"places": "25"}),
        ("objectifs", {"indicateur": "participants", "valeur_cible": "99"}),
        ("financement", {"montant_conventionne": "70000"}),
        ("periode", {"date_debut": "2020-01-01", "date_fin": "2030-12-31"}),
    ],
)
def test_ajustement_interrompu_n_applique_pas_son_effet(monde, effet, champs):
    action = monde.action
    avant = empreinte()
    client = client_de(monde.referent_thematique)
    with mock.patch.object(Ajustement.objects, "create", side_effect=panne) as point:
        reponse = client.post(
            reverse("partenaires:ajouter_ajustement", args=[action.pk]),
            {"date": J, "objet": "Avenant", "decision": "Accord", "effet": effet, **champs},
        )
    assert point.called  # the effect was applied to the action, the ajustement row failed
    verifier_page_d_erreur(reponse)
    rechargée = Action.objects.get(pk=action.pk)
    assert (rechargée.places, rechargée.date_debut, rechargée.date_fin) == (
        action.places,
        action.date_debut,
        action.date_fin,
    )
    assert ObjectifAction.objects.get(action=action, indicateur="participants").valeur_cible == 20
    assert not differences(avant, empreinte())


def test_action_interrompue_entre_sa_ligne_et_ses_territoires_n_existe_pas(monde):
    """A ModelForm saves the row, then its many-to-many: both or neither."""
    avant = empreinte()
    client = client_de(monde.administrateur)
    with mock.patch("django.forms.models.BaseModelForm._save_m2m", side_effect=panne) as point:
        reponse = client.post(
            reverse("partenaires:nouvelle_action"),
            {
                "intitule": "Action interrompue",
                "thematique": monde.thematique.pk,
                "objectif": monde.objectif.pk,
                "partenaire": monde.partenaire.pk,
                "date_debut": "2026-01-01",
                "date_fin": "2026-12-31",
                "statut": "ouverte",
                "places": "15",
                "territoires": [monde.mdd.territoire_id],
            },
        )
    assert point.called
    verifier_page_d_erreur(reponse)
    assert not Action.objects.filter(intitule="Action interrompue").exists()
    assert not differences(avant, empreinte())


def test_reunion_interrompue_avant_ses_decisions_n_existe_pas(monde):
    from partenaires.models import DecisionReunion, ReunionGroupe

    avant = empreinte()
    client = client_de(monde.referent_thematique)
    with mock.patch.object(DecisionReunion.objects, "bulk_create", side_effect=panne) as point:
        reponse = client.post(
            reverse("partenaires:nouvelle_reunion", args=[monde.groupe.pk]),
            {"date": J, "ordre_du_jour": "Bilan", "decisions": "Ouvrir 5 places"},
        )
    assert point.called
    verifier_page_d_erreur(reponse)
    assert not ReunionGroupe.objects.filter(ordre_du_jour="Bilan").exists()
    assert not differences(avant, empreinte())


def _fermer_puis(original):
    """Close the connection in the middle of the service, then let it go on (its next query fails)."""

    def remplacement(*args, **kwargs):
        connection.close()
        return original(*args, **kwargs)

    return remplacement


@pytest.mark.django_db(transaction=True)
def test_connexion_fermee_pendant_la_sortie_page_francaise_et_rien_d_ecrit():
    """On PostgreSQL the next query fails: French error page, the transaction is lost with the connection.
    On SQLite in memory Django ignores close() (it would destroy the test database): the record is whole."""
    monde = construire_monde()
    parcours = monde.parcours
    client = client_de(monde.travailleur_social)
    with mock.patch("parcours.mouvements.enregistrer_parcours", side_effect=_fermer_puis(regles.enregistrer_parcours)):
        reponse = client.post(
            reverse("parcours:enregistrer", args=[parcours.pk, "sortie"]),
            {
                "sortie-date": J,
                "sortie-type": "emploi_durable",
                "sortie-version": parcours.version,
                "sortie-confirmation": ouvert_a_la_sortie(parcours).empreinte(),
            },
        )
    rechargé = Parcours.objects.get(pk=parcours.pk)
    sortie = Sortie.objects.filter(parcours=parcours).exists()
    if reponse.status_code == 500:
        verifier_page_d_erreur(reponse)
        assert not sortie and rechargé.date_sortie is None
    else:
        assert reponse.status_code == 302
        assert sortie and rechargé.date_sortie is not None
    if connection.vendor == "postgresql":
        assert reponse.status_code == 500


@pytest.mark.django_db(transaction=True)
def test_connexion_fermee_pendant_un_changement_d_etat_page_francaise_et_rien_d_ecrit():
    monde = construire_monde()
    prescription = monde.prescriptions[EtatPrescription.PROPOSEE]
    client = client_de(monde.partenaire_user)
    original = TransitionPrescription.objects.create
    with mock.patch.object(TransitionPrescription.objects, "create", side_effect=_fermer_puis(original)):
        reponse = client.post(
            reverse("partenaires:prescription_recue", args=[prescription.pk]), {"etat": "acceptee", "date": J}
        )
    etat = Prescription.objects.get(pk=prescription.pk).etat
    journal = TransitionPrescription.objects.filter(prescription=prescription, etat_apres="acceptee").exists()
    if reponse.status_code == 500:
        verifier_page_d_erreur(reponse)
        assert etat == EtatPrescription.PROPOSEE and not journal
    else:
        assert reponse.status_code == 302
        assert etat == EtatPrescription.ACCEPTEE and journal
    if connection.vendor == "postgresql":
        assert reponse.status_code == 500
