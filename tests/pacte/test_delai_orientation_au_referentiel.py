"""The target delay to orient (30 days, 15 under the France Travail reform) is a parameter of the référentiel: read
from the file, used by the alerts, refused in French when it is not a number of days."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacte.models import MDD, Pacte
from pacte.referentiel import ReferentielInvalide, charger, delai_orientation_jours
from tests.pacte.test_charger_referentiel import MINIMAL
from tests.parcours.factories import ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db


def MINIMAL_AVEC(ligne):
    """The minimal file with one more line in its «pacte» block."""
    return MINIMAL.replace("  date_fin: 2026-12-31\n", "  date_fin: 2026-12-31\n" + ligne, 1)


def test_le_fichier_de_haute_vienne_fixe_30_jours(referentiel_hv):
    assert delai_orientation_jours() == 30


def test_un_departement_a_15_jours_sous_la_reforme():
    charger(MINIMAL_AVEC("  delai_orientation_jours: 15\n"))
    assert Pacte.objects.get().delai_orientation_jours == 15
    assert delai_orientation_jours() == 15


def test_un_delai_qui_n_est_pas_un_nombre_de_jours_est_refuse():
    with pytest.raises(ReferentielInvalide, match="delai_orientation_jours est un nombre de jours"):
        charger(MINIMAL_AVEC("  delai_orientation_jours: quinze\n"))
    assert not Pacte.objects.exists()


def test_l_alerte_de_la_file_active_suit_le_delai_du_referentiel(client):
    charger(MINIMAL_AVEC("  delai_orientation_jours: 15\n"))
    mdd = MDD.objects.get()
    il_y_a_20_jours = timezone.localdate() - datetime.timedelta(days=20)
    ParcoursFactory(mdd=mdd, date_ouverture_droit=il_y_a_20_jours, date_entree=il_y_a_20_jours)
    client.force_login(agent_mdd(mdd))
    liste = client.get(reverse("parcours:file_active"), {"alerte": "a_orienter_30_jours"})
    assert liste.context["page_obj"].paginator.count == 1
    assert "sans orientation depuis plus de 15 jours" in client.get("/").content.decode()
