"""The bilan state machine (evaluation.bilans): only the moves of TRANSITIONS, each written to its journal."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from evaluation.bilans import TRANSITIONS, appliquer_transition, transition_permise
from evaluation.models import BilanAnnuel, EtatBilan, TransitionBilan
from tests.evaluation.factories import BilanAnnuelFactory
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db

PERMISES = {(EtatBilan.BROUILLON, EtatBilan.SOUMIS), (EtatBilan.SOUMIS, EtatBilan.BROUILLON)}
TOUTES = list(itertools.permutations([EtatBilan.BROUILLON, EtatBilan.SOUMIS], 2)) + [
    (EtatBilan.BROUILLON, EtatBilan.APPROUVE)
]


def test_la_table_ne_permet_que_soumettre_renvoyer_et_approuver():
    assert set(TRANSITIONS) == PERMISES | {(EtatBilan.SOUMIS, EtatBilan.APPROUVE)}
    assert not any(depuis == EtatBilan.APPROUVE for depuis, _ in TRANSITIONS)


@pytest.mark.parametrize(("depuis", "vers"), TOUTES)
def test_chaque_mouvement_suit_la_table_et_ecrit_son_journal(depuis, vers):
    admin = UserFactory(administrateur=True)
    bilan = BilanAnnuelFactory(etat=depuis)
    if transition_permise(depuis, vers):
        appliquer_transition(bilan, vers, admin)
        ligne = TransitionBilan.objects.get(bilan=bilan)
        assert (ligne.etat_avant, ligne.etat_apres, ligne.par) == (depuis, vers, admin)
        assert BilanAnnuel.objects.get(pk=bilan.pk).etat == vers
    else:
        with pytest.raises(ValidationError, match="ne peut pas passer"):
            appliquer_transition(bilan, vers, admin)
        assert not TransitionBilan.objects.filter(bilan=bilan).exists()
        assert BilanAnnuel.objects.get(pk=bilan.pk).etat == depuis


def test_les_champs_d_une_transition_sont_ecrits_avec_elle():
    admin = UserFactory(administrateur=True)
    bilan = BilanAnnuelFactory(etat=EtatBilan.SOUMIS, numero_deliberation="")
    appliquer_transition(bilan, EtatBilan.BROUILLON, admin, numero_deliberation="brouillon-2")
    assert BilanAnnuel.objects.get(pk=bilan.pk).numero_deliberation == "brouillon-2"
