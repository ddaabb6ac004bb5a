import pytest

from tests.courriers.factories import CreneauFactory
from tests.pacte.factories import SiteFactory
from tests.parcours.factories import ParcoursFactory, agent_mdd


@pytest.fixture
def site(db):
    return SiteFactory(nom="MDD des Carmes", adresse="10 rue des Carmes")


@pytest.fixture
def agent(site):
    return agent_mdd(site.mdd, first_name="Louise", last_name="Référente")


@pytest.fixture
def parcours(site):
    return ParcoursFactory(
        mdd=site.mdd,
        beneficiaire__nom="Martin",
        beneficiaire__prenom="Claire",
        beneficiaire__adresse="3 rue des Lilas",
        beneficiaire__commune=site.commune,
        beneficiaire__telephone="06 12 34 56 78",
        beneficiaire__email="claire.martin@example.org",
    )


@pytest.fixture
def creneau(site, agent):
    return CreneauFactory(site=site, agent=agent)
