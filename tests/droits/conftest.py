import datetime

import pytest

from tests.droits.factories import BaremeFactory
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import ContratEngagementFactory, OrientationFactory, ParcoursFactory, agent_mdd


@pytest.fixture
def bareme(db):
    return BaremeFactory()


@pytest.fixture
def mdd(db):
    return MDDFactory()


@pytest.fixture
def agent(mdd):
    return agent_mdd(mdd, first_name="Louise", last_name="Référente")


@pytest.fixture
def parcours(mdd, bareme):
    parcours = ParcoursFactory(mdd=mdd, date_entree=datetime.date(2025, 2, 1))
    OrientationFactory(parcours=parcours)
    return parcours


@pytest.fixture
def contrat(parcours):
    contrat = ContratEngagementFactory(
        parcours=parcours, date_debut=datetime.date(2025, 6, 2), date_fin=datetime.date(2026, 5, 31)
    )
    parcours.contrat_courant = contrat
    parcours.save(update_fields=["contrat_courant"])
    return contrat
