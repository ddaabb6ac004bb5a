"""Administrators manage partners, fundings and actions in app pages; CSV import with a dry run."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from partenaires.imports import analyser, importer
from partenaires.models import Action, Cofinancement, Financement, Partenaire, Versement
from tests.pacte.factories import CommuneFactory, ObjectifFactory, UserFactory
from tests.partenaires.factories import FinancementFactory, PartenaireFactory, VersementFactory

pytestmark = pytest.mark.django_db

SIRET_VALIDE = "73282932000074"
SIRET_INVALIDE = "73282932000075"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(administrateur=True))
    return client


def test_seul_l_administrateur_accede_a_la_gestion(client):
    client.force_login(UserFactory(referent_thematique=True))
    assert client.get(reverse("partenaires:gestion")).status_code == 404
    assert client.post(reverse("partenaires:nouveau_partenaire"), {"siret": SIRET_VALIDE}).status_code == 404
    assert not Partenaire.objects.exists()


def test_page_de_gestion_s_affiche(admin_client):
    VersementFactory()
    contenu = admin_client.get(reverse("partenaires:gestion")).content.decode()
    assert "VARIABLE INCONNUE" not in contenu


def test_creation_d_un_partenaire_avec_siret_valide(admin_client):
    reponse = admin_client.post(
        reverse("partenaires:nouveau_partenaire"),
        {"siret": "732 829 320 00074", "raison_sociale": "Association Tremplin", "nature": "association"},
    )
    assert reponse.status_code == 302
    assert Partenaire.objects.get().siret == SIRET_VALIDE


def test_siret_invalide_refuse_avec_message_sans_ecriture(admin_client):
    reponse = admin_client.post(
        reverse("partenaires:nouveau_partenaire"),
        {"siret": SIRET_INVALIDE, "raison_sociale": "Association Tremplin", "nature": "association"},
    )
    assert "clé de contrôle" in reponse.content.decode()
    assert not Partenaire.objects.exists()


def test_financement_cofinancement_et_versements(admin_client):
    partenaire = PartenaireFactory()
    reponse = admin_client.post(
        reverse("partenaires:nouveau_financement"),
        {
            "partenaire": partenaire.pk,
            "type": "appel_a_projets",
            "reference": "AAP-2025-01",
            "intitule": "Appel à projets insertion 2025",
            "date_debut": "2025-01-01",
            "date_fin": "2025-12-31",
            "montant_conventionne": "10000",
        },
    )
    financement = Financement.objects.get()
    assert reponse.status_code == 302
    url = reverse("partenaires:financement", args=[financement.pk])
    admin_client.post(url, {"cofi-financeur": "fse_plus", "cofi-libelle": "FSE+", "cofi-montant": "4000"})
    assert Cofinancement.objects.get().montant == Decimal("4000")
    admin_client.post(url, {"versement-nature": "avance", "versement-date": "2025-02-01", "versement-montant": "6000"})
    reponse = admin_client.post(
        url, {"versement-nature": "solde", "versement-date": "2025-12-01", "versement-montant": "5000"}
    )
    assert "dépasserait le montant conventionné" in reponse.content.decode()
    assert list(Versement.objects.values_list("montant", flat=True)) == [Decimal("6000.00")]


def test_creation_d_une_action_par_l_administrateur(admin_client):
    objectif = ObjectifFactory()
    financement = FinancementFactory()
    donnees = {
        "intitule": "Atelier mobilité",
        "thematique": objectif.thematique.pk,
        "objectif": objectif.pk,
        "partenaire": financement.partenaire.pk,
        "financement": financement.pk,
        "date_debut": "2025-01-01",
        "date_fin": "2025-12-31",
        "statut": "ouverte",
        "places": "12",
    }
    reponse = admin_client.post(reverse("partenaires:nouvelle_action"), donnees)
    assert reponse.status_code == 302
    assert Action.objects.get().places == 12


def test_action_avec_financement_d_un_autre_partenaire_refusee(admin_client):
    objectif = ObjectifFactory()
    donnees = {
        "intitule": "Atelier mobilité",
        "thematique": objectif.thematique.pk,
        "objectif": objectif.pk,
        "partenaire": PartenaireFactory().pk,
        "financement": FinancementFactory().pk,
        "date_debut": "2025-01-01",
        "date_fin": "2025-12-31",
        "statut": "ouverte",
        "places": "12",
    }
    reponse = admin_client.post(reverse("partenaires:nouvelle_action"), donnees)
    assert "un autre partenaire" in reponse.content.decode()
    assert not Action.objects.exists()


def _csv(lignes, separateur=";", encodage="utf-8"):
    entete = separateur.join(["siret", "raison_sociale", "nature", "adresse", "code_insee", "site_web"])
    return "\n".join([entete, *(separateur.join(ligne) for ligne in lignes)]).encode(encodage)


def test_simulation_liste_les_erreurs_par_ligne_sans_ecrire():
    commune = CommuneFactory(code_insee="87085")
    contenu = _csv(
        [
            (SIRET_VALIDE, "Régie de quartier", "association", "1 rue Neuve", commune.code_insee, ""),
            (SIRET_INVALIDE, "Mauvais SIRET", "association", "", "", ""),
            ("73282932000074", "Doublon", "association", "", "", ""),
            ("35600000000010", "La Poste Limoges", "Service public", "", "99999", ""),
        ]
    )
    rapport = analyser(contenu)
    assert [ligne for ligne, _ in rapport.erreurs] == [3, 4, 5]
    assert "clé de contrôle" in rapport.erreurs[0][1]
    assert "ligne 2" in rapport.erreurs[1][1]
    assert "99999" in rapport.erreurs[2][1]
    assert not Partenaire.objects.exists()


def test_import_latin1_virgule_enregistre():
    contenu = _csv([(SIRET_VALIDE, "Régie de l'Aurence", "Entreprise", "", "", "")], ",", "latin-1")
    rapport = importer(contenu, simulation=False)
    assert rapport.crees == 1
    partenaire = Partenaire.objects.get()
    assert (partenaire.raison_sociale, partenaire.nature) == ("Régie de l'Aurence", "entreprise")


def test_import_avec_une_erreur_n_enregistre_rien():
    contenu = _csv(
        [(SIRET_VALIDE, "Bon", "association", "", "", ""), (SIRET_INVALIDE, "Mauvais", "association", "", "", "")]
    )
    rapport = importer(contenu, simulation=False)
    assert rapport.erreurs and rapport.crees == 0
    assert not Partenaire.objects.exists()


def test_colonnes_manquantes_signalees():
    rapport = analyser(b"nom;ville\nA;B\n")
    assert rapport.erreurs[0][0] == 1 and "siret" in rapport.erreurs[0][1]


def test_commande_d_import_simulation_puis_enregistrement(tmp_path):
    fichier = tmp_path / "partenaires.csv"
    fichier.write_bytes(_csv([(SIRET_VALIDE, "Bon", "association", "", "", "")]))
    sortie = StringIO()
    call_command("importer_partenaires", str(fichier), stdout=sortie)
    assert "Simulation" in sortie.getvalue() and not Partenaire.objects.exists()
    call_command("importer_partenaires", str(fichier), "--enregistrer", stdout=StringIO())
    assert Partenaire.objects.count() == 1
    mauvais = tmp_path / "mauvais.csv"
    mauvais.write_bytes(_csv([(SIRET_INVALIDE, "Mauvais", "association", "", "", "")]))
    with pytest.raises(CommandError):
        call_command("importer_partenaires", str(mauvais), "--enregistrer", stdout=StringIO())


def test_page_d_import_simulation(admin_client):
    fichier = SimpleUploadedFile(
        "p.csv", _csv([(SIRET_INVALIDE, "Mauvais", "association", "", "", "")]), content_type="text/csv"
    )
    reponse = admin_client.post(reverse("partenaires:import_partenaires"), {"fichier": fichier, "mode": "import"})
    contenu = reponse.content.decode()
    assert "Erreurs par ligne" in contenu and "clé de contrôle" in contenu
    assert not Partenaire.objects.exists()
    fichier = SimpleUploadedFile(
        "p.csv", _csv([(SIRET_VALIDE, "Bon", "association", "", "", "")]), content_type="text/csv"
    )
    reponse = admin_client.post(reverse("partenaires:import_partenaires"), {"fichier": fichier, "mode": "import"})
    assert reponse.status_code == 302
    assert Partenaire.objects.count() == 1
