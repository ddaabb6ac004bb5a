"""One file is imported by one run at a time (page, command, worker), and a killed run is resumed from the pages."""

import datetime
import html
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pacte.models import ImportFichier
from parcours.imports import ecriture, etats
from parcours.models import Beneficiaire
from tests.imports.conftest import fichier_csv, ligne

E = ImportFichier.Etat


@pytest.fixture(autouse=True)
def _date_fixe(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 11, 15))


def _contenu(nombre=25):
    return fichier_csv(*[ligne(numero=f"{1000000 + i}") for i in range(nombre)])


def _deposer(client, contenu):
    client.post(reverse("imports:depot"), {"fichier": SimpleUploadedFile("entrants.csv", contenu, "text/csv")})
    return ImportFichier.objects.get()


def _travailleur_tue_apres_le_premier_lot(monkeypatch, client, import_fichier):
    """The worker dies (SIGKILL) in its second batch: nothing marks the import interrompu."""
    monkeypatch.setattr("parcours.imports.service.TAILLE_LOT", 10)
    vraie, appels = ecriture.enregistrer_parcours, []

    def mort_au_deuxieme_lot(*args):
        appels.append(1)
        if len(appels) == 2:
            raise RuntimeError("processus tué")
        return vraie(*args)

    monkeypatch.setattr(ecriture, "enregistrer_parcours", mort_au_deuxieme_lot)
    monkeypatch.setattr(etats, "interrompre", lambda *a, **k: None)
    client.post(reverse("imports:confirmer", args=[import_fichier.pk]))  # the task's error stays in the task
    monkeypatch.setattr(ecriture, "enregistrer_parcours", vraie)
    import_fichier.refresh_from_db()
    assert (import_fichier.etat, import_fichier.derniere_ligne) == (E.EN_COURS, 11)


@pytest.mark.django_db
def test_la_commande_refuse_en_francais_un_fichier_que_la_page_importe(
    client, referentiel, charge_orientation, tmp_path, monkeypatch
):
    client.force_login(charge_orientation)
    contenu = _contenu()
    import_fichier = _deposer(client, contenu)
    _travailleur_tue_apres_le_premier_lot(monkeypatch, client, import_fichier)
    chemin = tmp_path / "entrants.csv"
    chemin.write_bytes(contenu)
    with pytest.raises(CommandError, match=f"déjà en cours d'import \\(import n° {import_fichier.pk}, lancé par"):
        call_command("importer_entrants", str(chemin))
    assert Beneficiaire.objects.count() == 10
    assert ImportFichier.objects.count() == 1
    import_fichier.refresh_from_db()
    assert import_fichier.compteurs["crees"] == 10  # nobody overwrote the page's counters


@pytest.mark.django_db
def test_deux_imports_du_meme_fichier_ne_peuvent_pas_etre_en_cours_ensemble():
    premier = etats.creer(nom_fichier="a.csv", empreinte="meme")
    second = etats.creer(nom_fichier="b.csv", empreinte="meme")
    etats.demarrer(premier)
    with pytest.raises(etats.ImportOccupe, match=f"import n° {premier.pk}"):
        etats.demarrer(second)
    second.refresh_from_db()
    assert second.etat == E.APERCU
    autre_fichier = etats.creer(nom_fichier="c.csv", empreinte="autre")
    etats.demarrer(autre_fichier)


@pytest.mark.django_db
def test_un_import_dont_le_travailleur_a_ete_tue_se_reprend_depuis_la_page(
    client, referentiel, charge_orientation, monkeypatch
):
    client.force_login(charge_orientation)
    import_fichier = _deposer(client, _contenu())
    _travailleur_tue_apres_le_premier_lot(monkeypatch, client, import_fichier)
    suivi = reverse("imports:suivi", args=[import_fichier.pk])
    assert "Reprendre l'import" not in html.unescape(client.get(suivi).content.decode())  # it may still be alive

    ImportFichier.objects.filter(pk=import_fichier.pk).update(battement=timezone.now() - datetime.timedelta(hours=1))
    page = html.unescape(client.get(suivi).content.decode())
    assert "L'import ne donne plus signe de vie depuis le" in page
    assert "après l'enregistrement 11" in page
    assert "Reprendre l'import" in page

    monkeypatch.undo()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 11, 15))
    reponse = client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    assert reponse.status_code == 302
    import_fichier.refresh_from_db()
    assert (import_fichier.etat, import_fichier.derniere_ligne) == (E.TERMINE, 26)
    assert import_fichier.compteurs["crees"] == 25
    assert Beneficiaire.objects.count() == 25


@pytest.mark.django_db
def test_confirmer_un_import_deja_lance_dit_pourquoi_en_francais(client, referentiel, charge_orientation):
    client.force_login(charge_orientation)
    import_fichier = _deposer(client, _contenu(3))
    etats.demarrer(import_fichier)
    reponse = client.post(reverse("imports:confirmer", args=[import_fichier.pk]), follow=True)
    assert "déjà en cours d'import" in html.unescape(reponse.content.decode())
    assert not Beneficiaire.objects.exists()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_sur_postgresql_deux_demarrages_simultanes_n_en_laissent_passer_qu_un():
    imports = [etats.creer(nom_fichier=f"{i}.csv", empreinte="meme") for i in range(4)]
    depart, resultats = threading.Barrier(len(imports)), []

    def demarrer(import_fichier):
        try:
            depart.wait()
            etats.demarrer(ImportFichier.objects.get(pk=import_fichier.pk))
            resultats.append("gagne")
        except etats.ImportOccupe as exc:
            resultats.append(str(exc))
        finally:
            connection.close()

    fils = [threading.Thread(target=demarrer, args=(i,)) for i in imports]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert resultats.count("gagne") == 1
    assert all("déjà en cours" in r for r in resultats if r != "gagne")
    assert ImportFichier.objects.filter(etat=E.EN_COURS).count() == 1


@pytest.mark.django_db
def test_une_erreur_technique_anglaise_n_atteint_pas_la_page(client, referentiel, charge_orientation, monkeypatch):
    client.force_login(charge_orientation)
    import_fichier = _deposer(client, _contenu(3))

    def panne(*args):
        raise RuntimeError("connection reset by peer")

    monkeypatch.setattr(ecriture, "enregistrer_parcours", panne)
    client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    import_fichier.refresh_from_db()
    assert import_fichier.etat == E.ECHOUE
    page = html.unescape(client.get(reverse("imports:suivi", args=[import_fichier.pk])).content.decode())
    assert "Erreur inattendue pendant l'enregistrement" in page
    assert "connection reset" not in page
    assert "connection reset" not in import_fichier.tache.message
