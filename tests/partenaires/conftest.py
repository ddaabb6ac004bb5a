import pytest

from tests.pacte.factories import MDDFactory, UserFactory


@pytest.fixture
def travailleur():
    """A social worker of one MDD: the catalogue's usual reader."""
    return UserFactory(travailleur_social=True, mdds=[MDDFactory()])
