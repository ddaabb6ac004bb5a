import datetime

import pytest
from django.core.management import CommandError, call_command

from pacte.models import ImportFichier
from parcours.models import Beneficiaire
from tests.imports.conftest import fichier_csv, ligne

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _date_fixe(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 11, 15))


def test_la_commande_en_apercu_n_ecrit_rien(referentiel, tmp_path, capsys):
    chemin = tmp_path / "entrants.csv"
    chemin.write_bytes(fichier_csv(ligne(), ligne(numero="12", insee="87085")))
    call_command("importer_entrants", str(chemin), "--dry-run")
    sortie = capsys.readouterr()
    assert "Aperçu (rien n'a été enregistré) : 1 créée(s)" in sortie.out
    assert "Ligne 3, colonne NUMDEMRSA" in sortie.err
    assert not Beneficiaire.objects.exists()
    assert not ImportFichier.objects.exists()


def test_la_commande_importe_puis_ne_change_rien_la_seconde_fois(referentiel, tmp_path, capsys):
    chemin = tmp_path / "entrants.csv"
    chemin.write_bytes(fichier_csv(ligne(), ligne(numero="7654321")))
    call_command("importer_entrants", str(chemin))
    assert "Import terminé : 2 créée(s)" in capsys.readouterr().out
    call_command("importer_entrants", str(chemin))
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s)" in capsys.readouterr().out
    assert Beneficiaire.objects.count() == 2


def test_la_commande_reprend_un_import_interrompu_du_meme_fichier(referentiel, tmp_path, capsys, monkeypatch):
    from parcours.imports import ecriture

    chemin = tmp_path / "entrants.csv"
    chemin.write_bytes(fichier_csv(*[ligne(numero=f"{3000000 + i}") for i in range(5)]))
    vraie = ecriture.enregistrer_parcours
    appels = []

    def panne(*args):
        appels.append(1)
        if len(appels) == 2:
            raise RuntimeError("panne")
        return vraie(*args)

    monkeypatch.setattr(ecriture, "enregistrer_parcours", panne)
    with pytest.raises(RuntimeError):
        call_command("importer_entrants", str(chemin), "--taille-lot", "2")
    assert Beneficiaire.objects.count() == 2
    monkeypatch.setattr(ecriture, "enregistrer_parcours", vraie)
    call_command("importer_entrants", str(chemin), "--taille-lot", "2")
    assert "Reprise de l'import" in capsys.readouterr().out
    assert Beneficiaire.objects.count() == 5
    assert ImportFichier.objects.get().etat == "termine"


def test_un_fichier_invalide_donne_une_erreur_de_commande_en_francais(referentiel, tmp_path):
    chemin = tmp_path / "vide.csv"
    chemin.write_bytes(b"")
    with pytest.raises(CommandError, match="Le fichier est vide"):
        call_command("importer_entrants", str(chemin))
    assert not Beneficiaire.objects.exists()
