"""Hostile and careless files: nothing is half imported, every line is accounted for, every message is French."""

import datetime
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from pacte.models import ImportFichier
from parcours.imports.format import FichierInvalide
from parcours.imports.service import importer_entrants
from parcours.models import Beneficiaire
from tests.imports.conftest import EN_TETE, fichier_csv, ligne

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _date_fixe(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 11, 15))


def _lignes(nombre, debut=1000000):
    return [ligne(numero=f"{debut + i}") for i in range(nombre)]


def test_un_champ_geant_a_la_ligne_2602_ne_refuse_que_sa_ligne_et_la_commande_importe_tout_le_reste(
    referentiel, tmp_path, capsys
):
    lignes = _lignes(2999)
    lignes[2600] = ligne(numero="4000000", nom="X" * 20_000)  # line 2,602 of the file (the header is line 1)
    chemin = tmp_path / "entrants.csv"
    chemin.write_bytes(fichier_csv(*lignes))
    call_command("importer_entrants", str(chemin))
    sortie = capsys.readouterr()
    assert "Import terminé : 2998 créée(s)" in sortie.out
    assert "1 refusée(s)" in sortie.out
    assert "Ligne 2602, une valeur dépasse 10 000 caractères" in sortie.err
    assert "field" not in sortie.err
    assert Beneficiaire.objects.count() == 2998
    assert Beneficiaire.objects.filter(numero_allocataire=f"{1000000 + 2998}").exists()  # the very last line
    import_fichier = ImportFichier.objects.get()
    assert (import_fichier.etat, import_fichier.derniere_ligne) == (ImportFichier.Etat.TERMINE, 3000)


def test_un_guillemet_jamais_ferme_ne_fait_perdre_aucune_ligne_a_l_apercu_ni_a_l_import(
    client, referentiel, charge_orientation
):
    lignes = _lignes(50)
    lignes[1] = ligne(numero="1000001", nom='"MARTIN')  # line 3: the quote opens and never closes
    contenu = fichier_csv(*lignes)
    client.force_login(charge_orientation)
    client.post(reverse("imports:depot"), {"fichier": SimpleUploadedFile("e.csv", contenu, "text/csv")})
    import_fichier = ImportFichier.objects.get()
    apercu = import_fichier.apercu
    assert import_fichier.nb_lignes == 50
    assert (apercu["crees"], apercu["refuses"]) == (49, 1)
    assert apercu["refus"][0]["ligne"] == 3
    assert "guillemet ouvert n'est jamais fermé" in apercu["refus"][0]["motif"]
    page = client.get(reverse("imports:apercu", args=[import_fichier.pk])).content.decode()
    assert "50 ligne(s) de données" in page

    client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    import_fichier.refresh_from_db()
    assert import_fichier.etat == ImportFichier.Etat.TERMINE
    assert import_fichier.compteurs["crees"] + import_fichier.compteurs["refuses"] == 50
    assert Beneficiaire.objects.count() == 49


def test_une_ligne_sans_fin_est_refusee_sans_etre_gardee_en_memoire(referentiel, aujourdhui):
    contenu = fichier_csv(ligne(), "A" * 300_000, ligne(numero="7654321"))
    refus = []
    bilan = importer_entrants(io.BytesIO(contenu), dry_run=True, aujourdhui=aujourdhui, sur_refus=refus.append)
    assert (bilan.crees, bilan.refuses) == (2, 1)
    assert refus[0].numero_ligne == 3 and refus[0].valeurs == []
    assert "la ligne dépasse 65 536 caractères" in refus[0].message


def test_des_guillemets_mal_places_refusent_leur_seule_ligne(referentiel, aujourdhui):
    contenu = fichier_csv(ligne(), ligne(numero="7654321", nom='"MARTIN"X'), ligne(numero="7654322"))
    bilan = importer_entrants(io.BytesIO(contenu), dry_run=True, aujourdhui=aujourdhui)
    assert (bilan.crees, bilan.refuses) == (2, 1)
    assert "guillemets mal placés" in bilan.refus[0].message


def test_un_fichier_avec_seulement_l_en_tete_est_signale_et_rien_n_est_enregistre(
    client, referentiel, charge_orientation, tmp_path
):
    contenu = fichier_csv()
    client.force_login(charge_orientation)
    page = client.post(reverse("imports:depot"), {"fichier": SimpleUploadedFile("e.csv", contenu, "text/csv")})
    assert "ne contient que la ligne d'en-tête : aucune personne à importer" in html.unescape(page.content.decode())
    chemin = tmp_path / "entete.csv"
    chemin.write_bytes(contenu)
    with pytest.raises(CommandError, match="ne contient que la ligne d'en-tête"):
        call_command("importer_entrants", str(chemin))
    assert not ImportFichier.objects.exists()


def test_un_fichier_vide_ne_laisse_aucun_import_qu_une_autre_execution_reprendrait(referentiel, tmp_path):
    chemin = tmp_path / "vide.csv"
    chemin.write_bytes(b"")
    for _ in range(2):
        with pytest.raises(CommandError, match="Le fichier est vide"):
            call_command("importer_entrants", str(chemin))
    assert not ImportFichier.objects.exists()


def test_un_en_tete_au_guillemet_jamais_ferme_est_refuse_en_francais(referentiel, aujourdhui):
    with pytest.raises(FichierInvalide, match="Ligne 1 \\(en-tête\\) : un guillemet ouvert n'est jamais fermé"):
        importer_entrants(io.BytesIO(b'"ORGANISME;NUMDEMRSA\nCAF;1234567\n'), dry_run=True, aujourdhui=aujourdhui)


@pytest.mark.parametrize("code", ["99999", "99100", "00123", "20001", "96001"])
def test_un_code_qui_n_est_celui_d_aucune_commune_est_dit_tel_quel(referentiel, aujourdhui, code):
    bilan = importer_entrants(io.BytesIO(fichier_csv(ligne(insee=code))), dry_run=True, aujourdhui=aujourdhui)
    assert bilan.refus[0].motif == f"colonne CODE_INSEE : le code INSEE « {code} » ne correspond à aucune commune"


def test_les_valeurs_sont_citees_telles_qu_ecrites(referentiel, aujourdhui):
    contenu = fichier_csv(ligne(numero="123 45"), ligne(numero="7654321", organisme=" CPAM "))
    bilan = importer_entrants(io.BytesIO(contenu), dry_run=True, aujourdhui=aujourdhui)
    motifs = [r.motif for r in bilan.refus]
    assert "le numéro allocataire « 123 45 » doit compter 7 chiffres (CAF)" in motifs[0]
    assert "«  CPAM  » n'est pas un organisme connu" in motifs[1]


def test_aucun_message_d_erreur_anglais_sur_des_fichiers_abimes(referentiel, aujourdhui):
    abimes = [
        EN_TETE.encode() + b"\n" + b"\x00\x01\x02" * 100,
        b'ORGANISME;"NUMDEMRSA\n',
        fichier_csv('CAF;"1234567";"MARTIN";Claire"x;14/03/1985;87085;01/10/2025;DEM;F'),
        fichier_csv("CAF;" + "9" * 15_000 + ";MARTIN;Claire;14/03/1985;87085;01/10/2025;DEM;F"),
    ]
    for contenu in abimes:
        try:
            bilan = importer_entrants(io.BytesIO(contenu), dry_run=True, aujourdhui=aujourdhui)
            messages = [r.message for r in bilan.refus]
        except FichierInvalide as exc:
            messages = [str(exc)]
        for message in messages:
            for anglais in ("field", "expected", "Error", "line contains", "unexpected", "NUL"):
                assert anglais not in message, message
