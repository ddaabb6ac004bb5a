import pytest

from tests.pacte.factories import MDDFactory
from tests.parcours.factories import agent_mdd


@pytest.fixture
def mdd():
    return MDDFactory(nom="MDD Limoges Les Carmes")


@pytest.fixture
def agent(mdd):
    return agent_mdd(mdd, first_name="Louise", last_name="Référente")


@pytest.fixture
def client_agent(client, agent):
    client.force_login(agent)
    return client
