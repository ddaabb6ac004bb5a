"""The référent thématique's alerts each open the list of their own alert, and entering the results an alert names
starts from the missing period."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.figures_actions import derniere_periode_close
from tests.pacte.factories import ThematiqueFactory, UserFactory
from tests.partenaires.factories import ActionFactory, ObjectifFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referent(client):
    user = UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])
    client.force_login(user)
    return user


def test_le_lien_d_une_alerte_filtre_sur_elle(client, referent):
    aujourdhui = timezone.localdate()
    objectif = ObjectifFactory(thematique=referent.thematiques.first())
    proche = ActionFactory(
        objectif=objectif,
        intitule="Se termine bientôt",
        date_debut=aujourdhui - datetime.timedelta(days=400),
        date_fin=aujourdhui + datetime.timedelta(days=20),
    )
    ActionFactory(
        objectif=objectif,
        intitule="Encore longtemps",
        date_debut=aujourdhui - datetime.timedelta(days=400),
        date_fin=aujourdhui + datetime.timedelta(days=400),
    )
    accueil = client.get("/").content.decode()
    assert f"{reverse('partenaires:mes_actions')}?alerte=fin_proche" in accueil
    liste = client.get(reverse("partenaires:mes_actions"), {"alerte": "fin_proche"}).content.decode()
    assert proche.intitule in liste and "Encore longtemps" not in liste


def test_la_saisie_des_resultats_part_de_la_periode_manquante(client, referent):
    action = ActionFactory(objectif=ObjectifFactory(thematique=referent.thematiques.first()))
    debut, fin = derniere_periode_close(timezone.localdate())
    page = client.get(reverse("partenaires:saisir_resultat", args=[action.pk])).content.decode()
    assert f'value="{debut.isoformat()}"' in page and f'value="{fin.isoformat()}"' in page
