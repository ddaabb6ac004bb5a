import datetime

import pytest

from tests.pacte.factories import MDDFactory, PacteFactory, ThematiqueFactory, UserFactory
from tests.parcours.factories import (
    ContratEngagementFactory,
    FreinFactory,
    OrientationFactory,
    ParcoursFactory,
    PrescriptionFactory,
    RendezVousFactory,
)
from tests.partenaires.factories import ActionFactory, ObjectifFactory, VersementFactory


@pytest.fixture
def pacte(db):
    return PacteFactory(date_debut=datetime.date(2022, 1, 1), date_fin=datetime.date(2030, 12, 31))


@pytest.fixture
def thematiques(pacte):
    return [ThematiqueFactory(pacte=pacte, numero=1), ThematiqueFactory(pacte=pacte, numero=2)]


@pytest.fixture
def admin(db):
    return UserFactory(administrateur=True)


@pytest.fixture
def referent(thematiques):
    return UserFactory(referent_thematique=True, thematiques=[thematiques[0]])


@pytest.fixture
def travailleur_social(db):
    return UserFactory(travailleur_social=True, mdds=[MDDFactory()])


@pytest.fixture
def partenaire(db):
    return UserFactory(partenaire_user=True)


@pytest.fixture
def creer_donnees(thematiques):
    """n parcours in 2025, each with an orientation, a contract, a meeting, a frein and a prescription."""

    def _creer(n):
        action = ActionFactory(objectif=ObjectifFactory(thematique=thematiques[0]), places=30)
        VersementFactory(financement=action.financement, date=datetime.date(2025, 3, 1))
        mdds = [MDDFactory(), MDDFactory()]
        for i in range(n):
            parcours = ParcoursFactory(
                mdd=mdds[i % 2],
                date_ouverture_droit=datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 40),
                date_entree=datetime.date(2025, 2, 1) + datetime.timedelta(days=i % 60),
            )
            OrientationFactory(parcours=parcours, date_decision=datetime.date(2025, 2, 15) + datetime.timedelta(days=i))
            ContratEngagementFactory(parcours=parcours)
            RendezVousFactory(parcours=parcours, presence="present" if i % 3 else "absent_non_excuse")
            FreinFactory(parcours=parcours, date_identification=datetime.date(2025, 3, 1))
            PrescriptionFactory(
                parcours=parcours,
                action=action,
                etat="entree",
                date_proposition=datetime.date(2025, 4, 1),
                date_entree=datetime.date(2025, 4, 10),
            )
        return action

    return _creer
