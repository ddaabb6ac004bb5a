"""The pact named in the header of every page is read once, not on every page, and a change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pacte.factories import PacteFactory, UserFactory

pytestmark = pytest.mark.django_db


def _lectures_du_pacte(requetes):
    return [q for q in requetes.captured_queries if 'FROM "pacte_pacte"' in q["sql"]]


def test_le_pacte_de_l_en_tete_n_est_lu_qu_une_fois(client):
    PacteFactory(nom="Pacte territorial 2022-2025")
    client.force_login(UserFactory(administrateur=True))
    with CaptureQueriesContext(connection) as premiere:
        assert "Pacte territorial 2022-2025" in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as seconde:
        assert "Pacte territorial 2022-2025" in client.get("/").content.decode()
    assert len(_lectures_du_pacte(premiere)) == 1
    assert _lectures_du_pacte(seconde) == []


def test_un_pacte_modifie_se_voit_a_la_page_suivante(client):
    client.force_login(UserFactory(administrateur=True))
    assert "Haute-Vienne" not in client.get("/").content.decode(), "aucun pacte encore : « Département »"
    pacte = PacteFactory(nom="Pacte 2022-2025")
    assert "Pacte 2022-2025" in client.get("/").content.decode()
    pacte.nom = "Pacte 2026-2030"
    pacte.save()
    assert "Pacte 2026-2030" in client.get("/").content.decode()
