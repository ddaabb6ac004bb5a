"""Exports: French CSV (BOM, `;`, dd/mm/yyyy, decimal comma), typed XLSX, PDF; logged; empty period keeps headers."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from evaluation.exports import ENTETES_ACTIONS, ENTETES_INDICATEURS
from pacte.models import JournalAcces

pytestmark = pytest.mark.django_db


def test_le_csv_des_indicateurs_s_ouvre_dans_excel_en_francais(client, admin, creer_donnees):
    creer_donnees(3)
    client.force_login(admin)
    reponse = client.get("/evaluation/export/indicateurs.csv", {"annee": 2025})
    brut = reponse.content
    assert brut.startswith(b"\xef\xbb\xbf")
    lignes = brut.decode("utf-8-sig").splitlines()
    assert lignes[0] == ";".join(ENTETES_INDICATEURS)
    entrees = next(ligne for ligne in lignes if ";entrees;" in ligne)
    assert entrees.endswith(";3;personnes;01/01/2025;31/12/2025")
    taux = next(ligne for ligne in lignes if ";taux_presence_rdv;" in ligne)
    assert ",7;%" in taux  # 66,7 %: decimal comma
    assert "non disponible" in brut.decode("utf-8-sig")


def test_le_xlsx_a_des_cellules_typees_et_des_entetes_en_francais(client, admin, creer_donnees):
    creer_donnees(3)
    client.force_login(admin)
    reponse = client.get("/evaluation/export/indicateurs.xlsx", {"annee": 2025})
    feuille = load_workbook(io.BytesIO(reponse.content)).active
    assert [c.value for c in feuille[1]] == ENTETES_INDICATEURS
    lignes = {ligne[1].value: ligne for ligne in feuille.iter_rows(min_row=2)}
    assert lignes["entrees"][3].value == 3 and lignes["entrees"][3].data_type == "n"
    assert lignes["entrees"][5].value == datetime.datetime(2025, 1, 1)
    assert lignes["entrees"][5].number_format == "DD/MM/YYYY"
    assert lignes["taux_presence_rdv"][3].data_type == "n"


def test_la_liste_des_actions_s_exporte_avec_ses_chiffres(client, admin, creer_donnees):
    action = creer_donnees(4)
    client.force_login(admin)
    feuille = load_workbook(io.BytesIO(client.get("/evaluation/export/actions.xlsx", {"annee": 2025}).content)).active
    assert [c.value for c in feuille[1]] == ENTETES_ACTIONS
    ligne = [c.value for c in feuille[2]]
    assert ligne[0] == action.intitule and ligne[6] == 30 and ligne[8] == 4


def test_une_periode_vide_exporte_quand_meme_les_entetes(client, admin):
    client.force_login(admin)
    csv_actions = client.get("/evaluation/export/actions.csv", {"annee": 2019}).content.decode("utf-8-sig")
    assert csv_actions.splitlines() == [";".join(ENTETES_ACTIONS)]
    feuille = load_workbook(io.BytesIO(client.get("/evaluation/export/actions.xlsx", {"annee": 2019}).content)).active
    assert feuille.max_row == 1 and feuille["A1"].value == "Intitulé"


def test_un_export_sur_une_periode_inversee_est_refuse_sans_rien_journaliser(client, admin):
    client.force_login(admin)
    reponse = client.get("/evaluation/export/indicateurs.csv", {"debut": "2025-06-01", "fin": "2025-01-01"})
    assert reponse.status_code == 400
    assert "La fin de la période doit suivre son début." in reponse.content.decode()
    assert not JournalAcces.objects.exists()


def test_chaque_export_est_journalise(client, admin):
    client.force_login(admin)
    client.get("/evaluation/export/indicateurs.xlsx", {"annee": 2025})
    client.get("/evaluation/export/actions.csv", {"annee": 2025})
    client.get("/evaluation/export/donnees-ouvertes.csv", {"annee": 2025})
    assert list(JournalAcces.objects.order_by("pk").values_list("nature", "objet")) == [
        ("export", "export indicateurs"),
        ("export", "export actions"),
        ("export", "export donnees-ouvertes"),
    ]


def test_le_pdf_des_indicateurs_est_genere(client, admin):
    client.force_login(admin)
    reponse = client.get("/evaluation/export/indicateurs.pdf", {"annee": 2025})
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse.content.startswith(b"%PDF")


def test_un_gros_export_passe_par_une_tache_de_fond_qui_garde_le_fichier(client, admin, creer_donnees):
    from pacte.models import TacheDeFond

    creer_donnees(3)
    client.force_login(admin)
    reponse = client.post("/evaluation/export/actions.xlsx/en-tache/?annee=2025")
    tache = TacheDeFond.objects.get()
    assert reponse.url == f"/taches/{tache.pk}/"
    assert tache.etat == TacheDeFond.Etat.TERMINEE and tache.fichier_nom == "actions-20250101-20251231.xlsx"
    feuille = load_workbook(io.BytesIO(bytes(tache.fichier))).active
    assert [c.value for c in feuille[1]] == ENTETES_ACTIONS and feuille.max_row == 2
    assert JournalAcces.objects.filter(nature="export", objet="export actions").count() == 1
