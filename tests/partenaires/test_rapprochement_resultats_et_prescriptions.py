"""On the action page, the declared results and the entries and exits the prescriptions record are reconciled."""

import datetime

import pytest
from django.utils import timezone

from parcours import figures_actions as figures
from tests.pacte.factories import ObjectifFactory, ThematiqueFactory, UserFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory, PrescriptionFactory
from tests.partenaires.factories import ActionFactory, ResultatActionFactory

pytestmark = pytest.mark.django_db

J = datetime.date


@pytest.fixture
def referent():
    return UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])


@pytest.fixture
def action(referent):
    action = ActionFactory(
        objectif=ObjectifFactory(thematique=referent.thematiques.first()), date_debut=J(2025, 1, 1), places=10
    )
    personne = BeneficiaireFactory()
    premier = ParcoursFactory(beneficiaire=personne, date_entree=J(2024, 1, 1), date_sortie=J(2025, 2, 1))
    second = ParcoursFactory(beneficiaire=personne, date_entree=J(2025, 3, 1))
    for parcours, entree in ((premier, J(2025, 1, 10)), (second, J(2025, 4, 1))):
        PrescriptionFactory(
            parcours=parcours, action=action, etat="entree", date_proposition=entree, date_entree=entree
        )
    PrescriptionFactory(
        action=action,
        etat="sortie",
        date_proposition=J(2025, 1, 5),
        date_entree=J(2025, 1, 5),
        date_sortie=J(2025, 5, 1),
        type_sortie="emploi_durable",
    )
    ResultatActionFactory(action=action, periode_debut=J(2025, 1, 1), periode_fin=J(2025, 6, 30), participants=3)
    ResultatActionFactory(action=action, periode_debut=J(2025, 7, 1), periode_fin=J(2025, 12, 31), participants=2)
    return action


def test_chaque_chiffre_est_donne_des_deux_sources_avec_l_ecart_explique(referent, action):
    annotee = figures.fiches_actions(referent, timezone.localdate()).get(pk=action.pk)
    lignes = {ligne["libelle"]: ligne for ligne in figures.rapprochement(annotee)}
    # By hand: 2 people entered (one twice, with two parcours); 3 + 2 declared over two half-years.
    assert (lignes["Participants"]["enregistre"], lignes["Participants"]["declare"]) == (2, 5)
    assert lignes["Participants"]["ecart"] == 3
    assert "deux périodes" in lignes["Participants"]["explication"]
    assert (lignes["Sorties avec un motif"]["enregistre"], lignes["Sorties avec un motif"]["declare"]) == (1, 0)


def test_la_page_de_l_action_montre_le_rapprochement(client, referent, action):
    client.force_login(referent)
    page = client.get(f"/partenaires/actions/{action.pk}/").content.decode()
    assert "Rapprochement des résultats déclarés et des prescriptions enregistrées" in page
