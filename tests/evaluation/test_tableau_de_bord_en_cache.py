"""The dashboard serves figures computed less than PACTE_FRAICHEUR_INDICATEURS seconds ago, for the
same period and filters only; «Recalculer» recomputes them at once; the cache is the database's table."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from evaluation import cache
from evaluation.indicateurs import Filtres
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db
URL = "/evaluation/"
ANNEE = {"annee": 2025}


def entrees(reponse) -> str:
    page = reponse.content.decode()
    ligne = page[page.index("Personnes entrées dans le dispositif") :]
    return re.search(r"<td[^>]*>\s*([^<]+?)\s*</td>", ligne).group(1)


def test_un_second_affichage_lit_les_chiffres_gardes_sans_les_recalculer(client, admin, creer_donnees):
    creer_donnees(4)
    client.force_login(admin)
    with CaptureQueriesContext(connection) as premier:
        premiere = client.get(URL, ANNEE)
    ParcoursFactory(date_entree=datetime.date(2025, 6, 1))
    with CaptureQueriesContext(connection) as second:
        seconde = client.get(URL, ANNEE)
    assert entrees(premiere) == entrees(seconde) == "4"
    assert "Chiffres calculés le" in seconde.content.decode()
    assert len(second) < len(premier) - 20


def test_recalculer_montre_les_donnees_du_moment(client, admin, creer_donnees):
    creer_donnees(4)
    client.force_login(admin)
    client.get(URL, ANNEE)
    ParcoursFactory(date_entree=datetime.date(2025, 6, 1))
    reponse = client.post(f"{URL}?annee=2025")
    assert reponse.status_code == 302 and reponse["Location"] == f"{URL}?annee=2025"
    assert entrees(client.get(URL, ANNEE)) == "5"


def test_d_autres_filtres_ne_lisent_pas_les_chiffres_d_un_autre_perimetre(client, admin, creer_donnees):
    creer_donnees(4)
    client.force_login(admin)
    tout = client.get(URL, ANNEE)
    mdd = ParcoursFactory(date_entree=datetime.date(2025, 6, 1)).mdd
    une_mdd = client.get(URL, {**ANNEE, "mdd": mdd.pk})
    assert (entrees(tout), entrees(une_mdd)) == ("4", "1")


def test_passe_le_delai_les_chiffres_sont_recalcules(client, admin, creer_donnees, settings):
    settings.PACTE_FRAICHEUR_INDICATEURS = 0
    creer_donnees(4)
    client.force_login(admin)
    client.get(URL, ANNEE)
    ParcoursFactory(date_entree=datetime.date(2025, 6, 1))
    assert entrees(client.get(URL, ANNEE)) == "5"


def test_un_travailleur_social_ne_peut_pas_faire_recalculer(client, travailleur_social):
    client.force_login(travailleur_social)
    assert client.post(f"{URL}?annee=2025").status_code == 404
    assert (
        caches["indicateurs"].get(cache.cle(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), Filtres())) is None
    )


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "indicateurs": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "pacte_cache_indicateurs",
        },
    }
)
def test_la_table_du_cache_existe_apres_les_migrations_et_sert_les_chiffres(creer_donnees):
    creer_donnees(2)
    debut, fin = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    calcule = cache.tableau_de_bord(debut, fin, Filtres())
    with CaptureQueriesContext(connection) as lecture:
        relu = cache.tableau_de_bord(debut, fin, Filtres())
    assert relu["calcule_le"] == calcule["calcule_le"]
    assert relu["groupes"] == calcule["groupes"]
    assert len(lecture) == 1 and "pacte_cache_indicateurs" in lecture[0]["sql"]
