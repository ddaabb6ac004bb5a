"""«Mes actions» reads a lighter annotation (avec_chiffres(detail=False)): the figures it shows and the alerts
equal those of the full annotation of the action page."""

import random

import pytest

from parcours.figures_actions import ETATS_DE_LA_LISTE, avec_chiffres
from partenaires.models import Action
from tests.partenaires.test_chiffres_des_actions_en_sql import AUJOURDHUI, _donnees

pytestmark = pytest.mark.django_db

CHAMPS_DE_LA_LISTE = [
    *(f"nb_{etat}" for etat in ETATS_DE_LA_LISTE),
    "places_restantes",
    "montant_verse",
    "dernier_resultat_fin",
    "dernier_resultat_participants",
    "alerte_occupation",
    "alerte_resultats",
    "alerte_fin_proche",
    "alerte_budget",
]


@pytest.mark.parametrize("graine", [1, 2, 3])
def test_la_liste_montre_les_memes_chiffres_et_alertes_que_la_fiche(graine):
    _donnees(random.Random(graine))
    complet = {a.pk: a for a in avec_chiffres(Action.objects.all(), AUJOURDHUI)}
    leger = list(avec_chiffres(Action.objects.all(), AUJOURDHUI, detail=False))
    assert len(leger) == len(complet)
    for action in leger:
        for champ in CHAMPS_DE_LA_LISTE:
            assert getattr(action, champ) == getattr(complet[action.pk], champ), champ
        assert not hasattr(action, "realise_participants")  # the detail is left out of the list query
