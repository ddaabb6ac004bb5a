"""The «Invitations et convocations» and «Droits et devoirs» groups reach every surface like the other groups:
the dashboard (figures and breakdowns by MDD and territory), the bilan (frozen with its breakdowns), the COPIL
report, the exports and the API."""

import datetime

import pytest

from droits.models import Manquement
from evaluation.comites import rapport
from evaluation.services import calculer_chiffres
from tests.api.conftest import client_avec_jeton
from tests.droits.factories import BaremeFactory
from tests.pacte.factories import UserFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def un_manquement():
    agent = UserFactory()
    parcours = ParcoursFactory(date_entree=datetime.date(2025, 2, 1))
    Manquement.objects.create(
        parcours=parcours,
        nature="refus_action",
        faits="…",
        date_constat=datetime.date(2025, 4, 1),
        bareme=BaremeFactory(),
        created_by=agent,
    )
    return parcours


def test_le_bilan_fige_les_chiffres_et_leur_ventilation_par_mdd(un_manquement):
    chiffres = calculer_chiffres(2025)
    assert chiffres["indicateurs"]["manquements"]["valeur"] == 1
    assert chiffres["indicateurs"]["manquements"]["groupe"] == "Droits et devoirs"
    assert chiffres["indicateurs"]["invitations_envoyees"]["groupe"] == "Invitations et convocations"
    (ligne,) = chiffres["ventilations"]["mdd"]
    assert (ligne["id"], ligne["manquements"], ligne["taux_remobilisation"]) == (un_manquement.mdd_id, 1, None)
    (territoire,) = chiffres["ventilations"]["territoire"]
    assert territoire["manquements"] == 1


def test_le_tableau_de_bord_montre_les_deux_groupes_et_leurs_ventilations(client, un_manquement):
    client.force_login(UserFactory(administrateur=True))
    page = client.get("/evaluation/?annee=2025").content.decode()
    for titre in (
        "Invitations et convocations",
        "Droits et devoirs",
        "Invitations, convocations, droits et devoirs par territoire",
        "Invitations, convocations, droits et devoirs par maison du département",
    ):
        assert titre in page, titre


def test_le_rapport_du_comite_et_les_exports_portent_les_chiffres(client, un_manquement):
    codes = [ind.code for ind in rapport(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))["indicateurs"]]
    assert {"manquements", "taux_remobilisation", "taux_absence_convocations"} <= set(codes)
    admin = UserFactory(administrateur=True)
    client.force_login(admin)
    csv = client.get("/evaluation/export/indicateurs.csv", {"annee": 2025}).content.decode("utf-8-sig")
    assert "Droits et devoirs" in csv and "Manquements constatés" in csv
    api = client_avec_jeton(admin).get("/api/v1/indicateurs/", {"debut": "2025-01-01", "fin": "2025-12-31"}).json()
    manquements = next(i for i in api["indicateurs"] if i["code"] == "manquements")
    assert manquements["valeur"] == 1 and manquements["fiche"]["groupe"] == "Droits et devoirs"
