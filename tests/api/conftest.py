import datetime

import pytest
from rest_framework.test import APIClient

from pacte.models import JetonAPI, Role
from tests.pacte.factories import CommuneFactory, MDDFactory, SiteFactory, UserFactory
from tests.parcours.factories import ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, PartenaireFactory

ROLES = [r.value for r in Role]


@pytest.fixture(autouse=True)
def _compteurs_de_limitation_remis_a_zero():
    """Throttling counts live in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def client_avec_jeton(user) -> APIClient:
    client = APIClient()
    _, cle = JetonAPI.creer(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {cle}")
    return client


@pytest.fixture
def monde(db):
    """Two MDD, two partners each with an action, prescriptions from both MDD to both partners."""
    mdd_a, mdd_b = MDDFactory(), MDDFactory()
    CommuneFactory(mdd=mdd_a)
    SiteFactory(mdd=mdd_b)
    partenaire_a, partenaire_b = PartenaireFactory(), PartenaireFactory()
    action_a = ActionFactory(partenaire=partenaire_a, places=3)
    action_b = ActionFactory(partenaire=partenaire_b, places=5)
    prescriptions = {}
    for mdd in (mdd_a, mdd_b):
        for action in (action_a, action_b):
            prescriptions[(mdd.pk, action.pk)] = PrescriptionFactory(parcours=ParcoursFactory(mdd=mdd), action=action)
    PrescriptionFactory(
        parcours=ParcoursFactory(mdd=mdd_a), action=action_a, etat="entree", date_entree=datetime.date(2025, 4, 2)
    )
    return {
        "mdd_a": mdd_a,
        "mdd_b": mdd_b,
        "partenaire_a": partenaire_a,
        "partenaire_b": partenaire_b,
        "action_a": action_a,
        "action_b": action_b,
        "prescriptions": prescriptions,
    }


def utilisateur_du_role(role: str, monde) -> object:
    if role == Role.PARTENAIRE:
        return UserFactory(role=role, partenaire=monde["partenaire_a"])
    user = UserFactory(role=role)
    if role in (Role.TRAVAILLEUR_SOCIAL, Role.RESPONSABLE_MDD):
        user.mdds.set([monde["mdd_a"]])
    if role == Role.REFERENT_THEMATIQUE:
        user.thematiques.set([monde["action_a"].thematique])
    return user


@pytest.fixture
def partenaire_a(monde):
    return UserFactory(role=Role.PARTENAIRE, partenaire=monde["partenaire_a"])
