"""The page: upload → preview → confirm → background import with progress → summary."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pacte.models import ImportFichier, JournalAcces, TacheDeFond
from parcours.models import Beneficiaire, Parcours
from tests.imports.conftest import fichier_csv, ligne
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _date_fixe(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 11, 15))


def deposer(client, contenu, nom="entrants.csv"):
    return client.post(reverse("imports:depot"), {"fichier": SimpleUploadedFile(nom, contenu, "text/csv")})


def test_parcours_complet_depot_apercu_confirmation_resultat(client, referentiel, charge_orientation):
    client.force_login(charge_orientation)
    contenu = fichier_csv(ligne(), ligne(numero="7654321", insee="87032"), ligne(numero="1111111", dtnai="01/01/2030"))
    reponse = deposer(client, contenu)
    import_fichier = ImportFichier.objects.get()
    assert reponse.url == reverse("imports:apercu", args=[import_fichier.pk])
    assert not Beneficiaire.objects.exists()

    page = client.get(reponse.url).content.decode()
    assert "VARIABLE INCONNUE" not in page
    assert page.count("<h1") == 1
    assert (
        "<td>4</td><td>DTNAI</td><td>1111111</td><td>colonne DTNAI : la date de naissance 01/01/2030 est dans le futur"
        in page
    )
    assert "Personnes créées (avec un parcours ouvert dans la MDD de leur commune) : <strong>2</strong>" in page

    reponse = client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    assert reponse.url == reverse("imports:suivi", args=[import_fichier.pk])
    assert Beneficiaire.objects.count() == 2
    assert Parcours.objects.filter(mdd=referentiel["mdd_chalus"]).count() == 1
    tache = TacheDeFond.objects.get()
    assert (tache.etat, tache.progression, tache.utilisateur) == ("terminee", 100, charge_orientation)
    assert tache.url_resultat == reverse("imports:resume", args=[import_fichier.pk])

    reponse = client.get(reverse("imports:suivi", args=[import_fichier.pk]))
    assert reponse.url == reverse("imports:resume", args=[import_fichier.pk])
    page = client.get(reponse.url).content.decode()
    assert "VARIABLE INCONNUE" not in page
    assert "Lignes refusées : <strong>1</strong>" in page
    assert JournalAcces.objects.filter(objet="import des entrants", nature="modification").count() == 1

    # Confirming again does not import twice.
    client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    assert TacheDeFond.objects.count() == 1


def test_le_suivi_affiche_la_barre_de_progression_qui_interroge_chaque_seconde(client, referentiel, charge_orientation):
    client.force_login(charge_orientation)
    deposer(client, fichier_csv(ligne()))
    import_fichier = ImportFichier.objects.get()
    tache = TacheDeFond.objects.create(nature="import_entrants", libelle="Import", utilisateur=charge_orientation)
    ImportFichier.objects.filter(pk=import_fichier.pk).update(etat="en_cours", tache=tache)
    page = client.get(reverse("imports:suivi", args=[import_fichier.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "<progress" in page
    assert "VARIABLE INCONNUE" not in page


def test_les_lignes_refusees_se_telechargent_pour_etre_corrigees(client, referentiel, charge_orientation):
    client.force_login(charge_orientation)
    deposer(client, fichier_csv(ligne(), ligne(numero="7654321", insee="75056")))
    import_fichier = ImportFichier.objects.get()
    reponse = client.get(reverse("imports:refus_csv", args=[import_fichier.pk]))
    contenu = b"".join(reponse.streaming_content).decode("utf-8-sig").splitlines()
    assert contenu[0].endswith("LIGNE_ORIGINE;MOTIF_REFUS")
    assert len(contenu) == 2
    assert contenu[1].startswith("CAF;7654321;MARTIN")
    assert "hors du département" in contenu[1]
    assert JournalAcces.objects.filter(nature="export").exists()


def test_un_fichier_sans_colonne_obligatoire_est_refuse_sans_rien_ecrire(client, referentiel, charge_orientation):
    client.force_login(charge_orientation)
    page = deposer(client, b"ORGANISME;NUMDEMRSA;NOMNAI\nCAF;1234567;MARTIN\n").content.decode()
    assert "Le fichier est refusé, rien n'a été enregistré" in page
    assert "colonnes obligatoires absentes" in page
    assert not ImportFichier.objects.exists()
    assert not Beneficiaire.objects.exists()


def test_un_fichier_trop_lourd_est_refuse_avec_un_message_en_francais(client, referentiel, charge_orientation):
    client.force_login(charge_orientation)
    page = deposer(client, b"x" * (20 * 1024 * 1024 + 1)).content.decode()
    assert "20 Mo au plus sont acceptés" in page
    assert not ImportFichier.objects.exists()


def test_un_fichier_vide_est_refuse(client, referentiel, charge_orientation):
    client.force_login(charge_orientation)
    page = deposer(client, b"").content.decode()
    assert "Le fichier est vide" in page
    assert not ImportFichier.objects.exists()


@pytest.mark.parametrize("role", ["travailleur_social", "responsable_mdd", "referent_thematique", "partenaire_user"])
def test_seuls_les_charges_d_orientation_et_administrateurs_importent(client, referentiel, role):
    client.force_login(UserFactory(**{role: True}))
    assert client.get(reverse("imports:depot")).status_code == 404
    assert deposer(client, fichier_csv(ligne())).status_code == 404


def test_l_administrateur_n_ouvre_pas_l_import_d_un_charge_d_orientation(client, referentiel, charge_orientation):
    """The preview and the refused lines name people: the chargés d'orientation, whose job the flow is (and who
    resume a colleague's or the command's interrupted import), read them; the administrator does not."""
    client.force_login(charge_orientation)
    deposer(client, fichier_csv(ligne(), ligne(numero="1111111", dtnai="01/01/2030")))
    import_fichier = ImportFichier.objects.get()
    for url in ("imports:apercu", "imports:suivi", "imports:resume", "imports:refus_csv"):
        client.force_login(UserFactory(administrateur=True))
        assert client.get(reverse(url, args=[import_fichier.pk])).status_code == 404, url
        client.force_login(UserFactory(charge_orientation=True))
        assert client.get(reverse(url, args=[import_fichier.pk])).status_code in (200, 302), url
    client.force_login(UserFactory(administrateur=True))
    assert client.post(reverse("imports:confirmer", args=[import_fichier.pk])).status_code == 404
    assert not Beneficiaire.objects.exists()
    depot = client.get(reverse("imports:depot")).content.decode()
    assert "entrants.csv" not in depot


def test_l_administrateur_voit_ses_propres_imports(client, referentiel):
    administrateur = UserFactory(administrateur=True)
    client.force_login(administrateur)
    deposer(client, fichier_csv(ligne()))
    import_fichier = ImportFichier.objects.get()
    assert client.get(reverse("imports:apercu", args=[import_fichier.pk])).status_code == 200


def test_un_import_interrompu_se_reprend_depuis_la_page(client, referentiel, charge_orientation, monkeypatch):
    from parcours.imports import ecriture

    client.force_login(charge_orientation)
    deposer(client, fichier_csv(ligne()))
    import_fichier = ImportFichier.objects.get()
    vraie = ecriture.enregistrer_parcours
    monkeypatch.setattr(ecriture, "enregistrer_parcours", lambda *a: (_ for _ in ()).throw(RuntimeError("panne")))
    client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    import_fichier.refresh_from_db()
    assert import_fichier.etat == "echoue"
    assert TacheDeFond.objects.get().etat == "echouee"
    assert not Beneficiaire.objects.exists()
    page = client.get(reverse("imports:suivi", args=[import_fichier.pk])).content.decode()
    assert "Reprendre l'import" in page
    monkeypatch.setattr(ecriture, "enregistrer_parcours", vraie)
    client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    assert Beneficiaire.objects.count() == 1


def test_la_page_de_format_documente_les_colonnes(client, charge_orientation):
    client.force_login(charge_orientation)
    page = client.get(reverse("imports:format")).content.decode()
    for colonne in ("NUMDEMRSA ou MATRICULE", "NOMNAI ou NOM", "DTOUVDRT", "CODE_INSEE ou COMMUNE", "QUALITE"):
        assert colonne in page
    assert "VARIABLE INCONNUE" not in page


@pytest.mark.parametrize("nombre", [5, 50])
def test_la_page_de_depot_coute_un_nombre_constant_de_requetes(
    client, charge_orientation, nombre, django_assert_max_num_queries
):
    for i in range(nombre):
        ImportFichier.objects.create(nom_fichier=f"f{i}.csv", empreinte="x", utilisateur=charge_orientation)
    client.force_login(charge_orientation)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("imports:depot")).content.decode()
    assert "VARIABLE INCONNUE" not in page
