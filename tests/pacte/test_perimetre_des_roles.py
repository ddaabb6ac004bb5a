"""What each role can and cannot reach: the querysets carry the rule, the pages answer 404 outside it."""

import pytest

from parcours.models import Beneficiaire, Parcours, Prescription
from partenaires.models import Action
from tests.pacte.factories import MDDFactory, ThematiqueFactory, UserFactory
from tests.parcours.factories import OrientationFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, PartenaireFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def monde():
    mdd_a, mdd_b = MDDFactory(), MDDFactory()
    t1, t2 = ThematiqueFactory(), ThematiqueFactory()
    partenaire_a, partenaire_b = PartenaireFactory(), PartenaireFactory()
    action_a = ActionFactory(objectif__thematique=t1, partenaire=partenaire_a)
    action_b = ActionFactory(objectif__thematique=t2, partenaire=partenaire_b)
    parcours_a = ParcoursFactory(mdd=mdd_a)
    OrientationFactory(parcours=parcours_a)
    parcours_b = ParcoursFactory(mdd=mdd_b)
    a_orienter = ParcoursFactory(mdd=mdd_b)
    prescription_a = PrescriptionFactory(parcours=parcours_a, action=action_a)
    prescription_b = PrescriptionFactory(parcours=parcours_b, action=action_b)
    return locals()


def test_travailleur_social_ne_voit_que_les_parcours_de_sa_mdd(monde):
    user = UserFactory(travailleur_social=True, mdds=[monde["mdd_a"]])
    assert set(Parcours.objects.visible_par(user)) == {monde["parcours_a"]}
    assert set(Beneficiaire.objects.visible_par(user)) == {monde["parcours_a"].beneficiaire}
    assert set(Prescription.objects.visible_par(user)) == {monde["prescription_a"]}


def test_responsable_de_plusieurs_mdd_voit_ses_mdd(monde):
    user = UserFactory(responsable_mdd=True, mdds=[monde["mdd_a"], monde["mdd_b"]])
    attendus = {monde["parcours_a"], monde["parcours_b"], monde["a_orienter"]}
    assert set(Parcours.objects.visible_par(user)) == attendus


def test_agent_sans_mdd_ne_voit_personne(monde):
    assert not Parcours.objects.visible_par(UserFactory(travailleur_social=True)).exists()


def test_charge_d_orientation_voit_les_nouveaux_entrants_de_tout_le_departement(monde):
    user = UserFactory(charge_orientation=True)
    assert set(Parcours.objects.visible_par(user)) == {monde["parcours_b"], monde["a_orienter"]}


@pytest.mark.parametrize("trait", ["referent_thematique", "administrateur", "partenaire_user"])
def test_les_roles_sans_donnees_nominatives_ne_voient_aucun_parcours(monde, trait):
    user = UserFactory(**{trait: True})
    assert not Parcours.objects.visible_par(user).exists()
    assert not Beneficiaire.objects.visible_par(user).exists()


def test_referent_thematique_ne_gere_que_les_actions_de_ses_thematiques(monde):
    user = UserFactory(referent_thematique=True, thematiques=[monde["t1"]])
    assert set(Action.objects.gerees_par(user)) == {monde["action_a"]}


def test_partenaire_ne_voit_que_ses_actions_et_leurs_prescriptions(monde):
    user = UserFactory(partenaire_user=True, partenaire=monde["partenaire_a"])
    assert set(Action.objects.gerees_par(user)) == {monde["action_a"]}
    assert set(Prescription.objects.visible_par(user)) == {monde["prescription_a"]}


def test_administrateur_gere_toutes_les_actions(monde):
    assert Action.objects.gerees_par(UserFactory(administrateur=True)).count() == 2


def test_tout_agent_lit_le_catalogue_entier(monde):
    user = UserFactory(travailleur_social=True, mdds=[monde["mdd_a"]])
    assert Action.objects.catalogue_pour(user).count() == 2
    assert not Action.objects.gerees_par(user).exists()


def test_un_compte_desactive_ne_voit_rien(monde):
    user = UserFactory(travailleur_social=True, mdds=[monde["mdd_a"]], is_active=False)
    assert not Parcours.objects.visible_par(user).exists()
    assert not Action.objects.catalogue_pour(user).exists()


@pytest.mark.parametrize(
    "trait, statut",
    [
        ("travailleur_social", 404),
        ("responsable_mdd", 404),
        ("charge_orientation", 404),
        ("referent_thematique", 404),
        ("partenaire_user", 404),
        ("administrateur", 200),
    ],
)
def test_seul_l_administrateur_lit_le_journal_d_acces(client, trait, statut):
    client.force_login(UserFactory(**{trait: True}))
    assert client.get("/journal-acces/").status_code == statut


def test_l_administration_django_est_reservee_au_personnel(client):
    client.force_login(UserFactory(travailleur_social=True))
    assert client.get("/admin/").status_code == 302
    client.force_login(UserFactory(administrateur=True, is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_un_utilisateur_partenaire_doit_avoir_une_structure():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role="partenaire", partenaire=None)
