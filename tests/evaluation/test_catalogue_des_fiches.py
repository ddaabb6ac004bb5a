"""One catalogue of indicators: every figure has a fiche, every fiche a figure, and every surface reads it."""

import dataclasses
import datetime

import pytest
from django.template.loader import render_to_string

from evaluation.comites import pdf_du_comite
from evaluation.indicateurs import CATALOGUE, Fiche, calculer_indicateurs
from evaluation.indicateurs.moteur import Collecteur
from evaluation.pdf import pdf_du_bilan
from evaluation.services import calculer_chiffres
from tests.api.conftest import client_avec_jeton
from tests.evaluation.factories import BilanAnnuelFactory, ComitePilotageFactory
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db

CHAMPS_ECRITS = [f.name for f in dataclasses.fields(Fiche)]


def test_chaque_indicateur_a_une_fiche_et_chaque_fiche_un_indicateur():
    calcules = calculer_indicateurs(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert set(calcules) == set(CATALOGUE)


def test_chaque_fiche_est_ecrite_en_entier():
    for code, fiche in CATALOGUE.items():
        vides = [champ for champ in CHAMPS_ECRITS if not str(getattr(fiche, champ)).strip()]
        assert vides == [], code
        assert fiche.code == code


def test_le_moteur_prend_libelle_et_unite_dans_la_fiche():
    calcules = calculer_indicateurs(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    for code, ind in calcules.items():
        assert (ind.libelle, ind.unite, ind.groupe) == (
            CATALOGUE[code].libelle,
            CATALOGUE[code].unite,
            CATALOGUE[code].groupe,
        )


def test_un_chiffre_sans_fiche_ne_peut_pas_etre_ajoute():
    with pytest.raises(KeyError):
        Collecteur().ajouter("indicateur_sans_fiche", 1)


def test_chaque_chiffre_du_tableau_de_bord_mene_a_sa_fiche(client):
    client.force_login(UserFactory(administrateur=True))
    page = client.get("/evaluation/?annee=2025").content.decode()
    fiches = client.get("/evaluation/fiches/").content.decode()
    for code in CATALOGUE:
        assert f'href="/evaluation/fiches/#fiche-{code}"' in page, code
        assert f'id="fiche-{code}"' in fiches, code


def test_la_page_des_fiches_est_reservee_comme_le_tableau_de_bord(client):
    client.force_login(UserFactory(travailleur_social=True))
    assert client.get("/evaluation/fiches/").status_code == 404


def test_l_api_sert_les_fiches_et_la_fiche_de_chaque_chiffre():
    client = client_avec_jeton(UserFactory(administrateur=True))
    fiches = client.get("/api/v1/indicateurs/fiches/").json()
    assert [f["code"] for f in fiches] == list(CATALOGUE)
    indicateurs = client.get("/api/v1/indicateurs/", {"debut": "2025-01-01", "fin": "2025-12-31"}).json()
    participants = next(i for i in indicateurs["indicateurs"] if i["code"] == "participants")
    assert participants["fiche"]["population"] == CATALOGUE["participants"].population


def test_les_chiffres_d_un_bilan_gardent_les_fiches_de_leur_calcul():
    chiffres = calculer_chiffres(2025)
    assert set(chiffres["fiches"]) == set(chiffres["indicateurs"])
    assert chiffres["fiches"]["participants"]["numerateur"] == CATALOGUE["participants"].numerateur


def _html_rendu(monkeypatch, module):
    rendus = []

    def rendre(template, contexte):
        rendus.append(render_to_string(template, contexte))
        return b"%PDF"

    monkeypatch.setattr(f"{module}.rendre_pdf", rendre)
    return rendus


def test_le_rapport_du_comite_porte_les_fiches_en_annexe(monkeypatch):
    rendus = _html_rendu(monkeypatch, "evaluation.comites")
    pdf_du_comite(ComitePilotageFactory())
    assert "Annexe : définition des indicateurs" in rendus[0]
    assert all(f'id="fiche-{code}"' in rendus[0] for code in CATALOGUE)


def test_le_pdf_du_bilan_porte_en_annexe_les_fiches_figees_avec_ses_chiffres(monkeypatch):
    rendus = _html_rendu(monkeypatch, "evaluation.pdf")
    instantane = calculer_chiffres(2025)
    instantane["narratifs"] = []
    instantane["fiches"]["participants"]["population"] = "Définition en vigueur lors de son approbation."
    pdf_du_bilan(BilanAnnuelFactory.build(), instantane, datetime.date(2026, 3, 1), "2026-12")
    assert "Définition en vigueur lors de son approbation." in rendus[0]
