"""The prescription state machine, on its own: every allowed and refused transition."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcours.choices import EtatPrescription as E
from parcours.models import Prescription, TransitionPrescription
from parcours.prescriptions import TRANSITIONS, changer_etat, prescrire
from tests.pacte.factories import MDDFactory, UserFactory
from tests.parcours.factories import ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory

pytestmark = pytest.mark.django_db

JOUR = datetime.date(2025, 5, 1)


@pytest.fixture
def contexte():
    mdd = MDDFactory()
    travailleur = UserFactory(travailleur_social=True, mdds=[mdd])
    parcours = ParcoursFactory(mdd=mdd)
    action = ActionFactory(places=2)
    return travailleur, parcours, action


def _prescription_dans(etat, contexte):
    travailleur, parcours, action = contexte
    extra = {}
    if etat in (E.ENTREE, E.SORTIE):
        extra["date_entree"] = JOUR
    if etat == E.SORTIE:
        extra["date_sortie"] = JOUR
    return PrescriptionFactory(
        parcours=parcours, action=action, prescripteur=travailleur, etat=etat, date_proposition=JOUR, **extra
    )


def test_la_table_couvre_tous_les_etats():
    assert set(TRANSITIONS) == set(E.values)
    # Annulée: by the prescriber's side, at the sortie of the parcours (tests/parcours/test_sortie_regle_…).
    assert TRANSITIONS[E.PROPOSEE] == {E.ACCEPTEE, E.REFUSEE, E.ANNULEE}
    assert TRANSITIONS[E.ACCEPTEE] == {E.ENTREE, E.ABANDON, E.REFUSEE, E.ANNULEE}
    assert TRANSITIONS[E.ENTREE] == {E.SORTIE, E.ABANDON}
    assert not TRANSITIONS[E.SORTIE] and not TRANSITIONS[E.REFUSEE] and not TRANSITIONS[E.ABANDON]
    assert not TRANSITIONS[E.ANNULEE]


TOUTES = [(avant, apres) for avant in E.values for apres in E.values]


@pytest.mark.parametrize(("avant", "apres"), [(a, b) for a, b in TOUTES if b in TRANSITIONS[a]])
def test_transition_permise_est_appliquee_et_journalisee(contexte, avant, apres):
    prescription = _prescription_dans(avant, contexte)
    travailleur = contexte[0]
    changer_etat(prescription, apres, travailleur, date=JOUR, motif="motif", type_sortie="emploi_durable")
    prescription.refresh_from_db()
    assert prescription.etat == apres
    transition = TransitionPrescription.objects.get(prescription=prescription)
    assert (transition.etat_avant, transition.etat_apres, transition.par) == (avant, apres, travailleur)


@pytest.mark.parametrize(("avant", "apres"), [(a, b) for a, b in TOUTES if b not in TRANSITIONS[a]])
def test_transition_interdite_est_refusee_sans_rien_ecrire(contexte, avant, apres):
    prescription = _prescription_dans(avant, contexte)
    with pytest.raises(ValidationError):
        changer_etat(prescription, apres, contexte[0], date=JOUR, motif="motif", type_sortie="emploi_durable")
    prescription.refresh_from_db()
    assert prescription.etat == avant
    assert not TransitionPrescription.objects.exists()


def test_entree_datee_et_sortie_avec_motif(contexte):
    prescription = _prescription_dans(E.ACCEPTEE, contexte)
    changer_etat(prescription, E.ENTREE, contexte[0], date=datetime.date(2025, 5, 10))
    changer_etat(prescription, E.SORTIE, contexte[0], date=datetime.date(2025, 9, 1), type_sortie="iae")
    prescription.refresh_from_db()
    assert prescription.date_entree == datetime.date(2025, 5, 10)
    assert prescription.date_sortie == datetime.date(2025, 9, 1)
    assert prescription.type_sortie == "iae"


def test_sortie_sans_motif_de_sortie_refusee(contexte):
    prescription = _prescription_dans(E.ENTREE, contexte)
    with pytest.raises(ValidationError, match="motif de sortie"):
        changer_etat(prescription, E.SORTIE, contexte[0], date=JOUR)
    assert Prescription.objects.get(pk=prescription.pk).etat == E.ENTREE


def test_refus_sans_motif_refuse(contexte):
    prescription = _prescription_dans(E.PROPOSEE, contexte)
    with pytest.raises(ValidationError, match="motif du refus"):
        changer_etat(prescription, E.REFUSEE, contexte[0], date=JOUR)


def test_entree_avant_la_proposition_refusee(contexte):
    prescription = _prescription_dans(E.ACCEPTEE, contexte)
    with pytest.raises(ValidationError, match="précéder"):
        changer_etat(prescription, E.ENTREE, contexte[0], date=JOUR - datetime.timedelta(days=1))
    assert Prescription.objects.get(pk=prescription.pk).date_entree is None


def test_partenaire_change_l_etat_des_prescriptions_de_ses_actions(contexte):
    prescription = _prescription_dans(E.PROPOSEE, contexte)
    partenaire = UserFactory(partenaire_user=True, partenaire=contexte[2].partenaire)
    changer_etat(prescription, E.ACCEPTEE, partenaire, date=JOUR)
    assert Prescription.objects.get(pk=prescription.pk).etat == E.ACCEPTEE


def test_un_autre_partenaire_ne_peut_pas_changer_l_etat(contexte):
    prescription = _prescription_dans(E.PROPOSEE, contexte)
    intrus = UserFactory(partenaire_user=True)
    with pytest.raises(ValidationError):
        changer_etat(prescription, E.ACCEPTEE, intrus, date=JOUR)
    assert Prescription.objects.get(pk=prescription.pk).etat == E.PROPOSEE


def test_prescrire_cree_une_proposition_journalisee(contexte):
    travailleur, parcours, action = contexte
    prescription = prescrire(parcours, action, travailleur, date=JOUR)
    assert prescription.etat == E.PROPOSEE
    assert prescription.date_proposition == JOUR
    assert TransitionPrescription.objects.get(prescription=prescription).etat_apres == E.PROPOSEE


def test_prescrire_hors_perimetre_refuse(contexte):
    _, parcours, action = contexte
    autre = UserFactory(travailleur_social=True, mdds=[MDDFactory()])
    with pytest.raises(ValidationError, match="périmètre"):
        prescrire(parcours, action, autre, date=JOUR)
    assert not Prescription.objects.exists()


def test_prescrire_vers_une_action_fermee_refuse(contexte):
    travailleur, parcours, _ = contexte
    fermee = ActionFactory(date_debut=datetime.date(2023, 1, 1), date_fin=datetime.date(2024, 12, 31))
    suspendue = ActionFactory(statut="suspendue")
    for action in (fermee, suspendue):
        with pytest.raises(ValidationError, match="n'est pas ouverte"):
            prescrire(parcours, action, travailleur, date=JOUR)
    assert not Prescription.objects.exists()


def test_prescrire_vers_une_action_complete_demande_un_motif(contexte):
    travailleur, parcours, action = contexte
    for _ in range(action.places):
        PrescriptionFactory(action=action, etat=E.ENTREE, date_proposition=JOUR, date_entree=JOUR)
    with pytest.raises(ValidationError, match="complète"):
        prescrire(parcours, action, travailleur, date=JOUR)
    assert Prescription.objects.filter(parcours=parcours).count() == 0
    prescription = prescrire(parcours, action, travailleur, date=JOUR, motif_hors_capacite="Besoin urgent")
    assert prescription.motif_hors_capacite == "Besoin urgent"


def test_prescrire_deux_fois_la_meme_action_refuse(contexte):
    travailleur, parcours, action = contexte
    prescrire(parcours, action, travailleur, date=JOUR)
    with pytest.raises(ValidationError, match="déjà en cours"):
        prescrire(parcours, action, travailleur, date=JOUR)
    assert Prescription.objects.count() == 1


def test_prescrire_pour_un_parcours_clos_refuse(contexte):
    travailleur, parcours, action = contexte
    parcours.date_sortie = datetime.date(2025, 4, 1)
    parcours.save()
    with pytest.raises(ValidationError, match="clos"):
        prescrire(parcours, action, travailleur, date=JOUR)


@given(tentatives=st.lists(st.sampled_from(E.values), max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_toute_suite_de_tentatives_suit_la_table(contexte, tentatives):
    """Whatever is tried, only the table's transitions happen, each with exactly one log row."""
    prescription = _prescription_dans(E.PROPOSEE, contexte)
    etat, reussies, entree = E.PROPOSEE, 0, False
    for tentative in tentatives:
        permise = tentative in TRANSITIONS[etat]
        try:
            changer_etat(prescription, tentative, contexte[0], date=JOUR, motif="motif", type_sortie="autre")
        except ValidationError:
            assert not permise
        else:
            assert permise
            etat, reussies = tentative, reussies + 1
            entree = entree or tentative == E.ENTREE
    prescription.refresh_from_db()
    assert prescription.etat == etat
    assert TransitionPrescription.objects.filter(prescription=prescription).count() == reussies
    assert (prescription.date_entree is not None) == entree
