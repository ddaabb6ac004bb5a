"""Each line creates, updates or is refused; same file twice = no change; right MDD queue."""

import datetime
import io

import pytest

from parcours.imports.service import importer_entrants
from parcours.models import Beneficiaire, Parcours
from tests.imports.conftest import fichier_csv, ligne
from tests.pacte.factories import UserFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory

pytestmark = pytest.mark.django_db


def importer(contenu, aujourdhui, **kwargs):
    return importer_entrants(io.BytesIO(contenu), aujourdhui=aujourdhui, **kwargs)


def test_un_nouvel_entrant_a_un_parcours_ouvert_dans_la_mdd_de_sa_commune(referentiel, aujourdhui):
    bilan = importer(fichier_csv(ligne(insee="87032")), aujourdhui)
    assert (bilan.crees, bilan.parcours_ouverts) == (1, 1)
    parcours = Parcours.objects.get()
    assert parcours.mdd == referentiel["mdd_chalus"]
    assert parcours.date_ouverture_droit == datetime.date(2025, 10, 1)
    assert parcours.est_ouvert and parcours.orientation_courante is None
    assert parcours.beneficiaire.nom_recherche == "martin claire"


def test_les_nouveaux_entrants_apparaissent_dans_la_file_du_charge_d_orientation(referentiel, aujourdhui):
    importer(fichier_csv(ligne(), ligne(numero="7654321", insee="87032")), aujourdhui)
    charge = UserFactory(charge_orientation=True)
    visibles = Parcours.objects.visible_par(charge).a_orienter()
    assert set(visibles.values_list("beneficiaire__numero_allocataire", "mdd")) == {
        ("1234567", referentiel["mdd_limoges"].pk),
        ("7654321", referentiel["mdd_chalus"].pk),
    }


def test_le_demandeur_et_le_conjoint_sont_deux_personnes_avec_chacune_son_parcours(referentiel, aujourdhui):
    bilan = importer(fichier_csv(ligne(), ligne(prenom="Paul", qualite="CJT", sexe="M")), aujourdhui)
    assert (bilan.crees, Parcours.objects.count()) == (2, 2)


def test_une_personne_connue_est_mise_a_jour_jamais_dupliquee(referentiel, aujourdhui):
    importer(fichier_csv(ligne()), aujourdhui)
    bilan = importer(fichier_csv(ligne(nom="MARTIN-DUPONT", insee="87032")), aujourdhui)
    assert (bilan.crees, bilan.mis_a_jour, bilan.parcours_ouverts) == (0, 1, 0)
    personne = Beneficiaire.objects.get()
    assert (personne.nom, personne.commune, personne.nom_recherche) == (
        "MARTIN-DUPONT",
        referentiel["chalus"],
        "martin dupont claire",
    )
    assert Parcours.objects.count() == 1
    assert personne.history.count() == 2


def test_le_meme_fichier_importe_deux_fois_ne_change_rien(referentiel, aujourdhui):
    contenu = fichier_csv(ligne(), ligne(numero="7654321"), ligne(numero="1111111", dtnai="01/01/2030"))
    importer(contenu, aujourdhui)
    avant = list(Beneficiaire.objects.values_list("pk", "updated_at")), list(Parcours.objects.values_list("pk"))
    historique = Beneficiaire.history.count()
    bilan = importer(contenu, aujourdhui)
    assert (bilan.crees, bilan.mis_a_jour, bilan.inchanges, bilan.refuses, bilan.parcours_ouverts) == (0, 0, 2, 1, 0)
    apres = list(Beneficiaire.objects.values_list("pk", "updated_at")), list(Parcours.objects.values_list("pk"))
    assert avant == apres
    assert Beneficiaire.history.count() == historique


def test_un_parcours_ouvert_n_est_jamais_double(referentiel, aujourdhui):
    personne = BeneficiaireFactory(numero_allocataire="1234567", nom="MARTIN", prenom="Claire")
    ParcoursFactory(beneficiaire=personne, mdd=referentiel["mdd_chalus"])
    bilan = importer(fichier_csv(ligne()), aujourdhui)
    assert bilan.parcours_ouverts == 0
    assert Parcours.objects.get().mdd == referentiel["mdd_chalus"]


def test_une_reentree_apres_une_sortie_ouvre_un_nouveau_parcours(referentiel, aujourdhui):
    personne = BeneficiaireFactory(numero_allocataire="1234567")
    ParcoursFactory(
        beneficiaire=personne, date_entree=datetime.date(2024, 1, 1), date_sortie=datetime.date(2024, 6, 30)
    )
    bilan = importer(fichier_csv(ligne()), aujourdhui)
    assert bilan.parcours_ouverts == 1
    assert Parcours.objects.filter(beneficiaire=personne).ouverts().count() == 1
    assert importer(fichier_csv(ligne()), aujourdhui).parcours_ouverts == 0


def test_un_parcours_clos_pour_le_meme_droit_n_est_pas_rouvert(referentiel, aujourdhui):
    personne = BeneficiaireFactory(numero_allocataire="1234567")
    ParcoursFactory(
        beneficiaire=personne, date_entree=datetime.date(2025, 10, 1), date_sortie=datetime.date(2025, 11, 1)
    )
    assert importer(fichier_csv(ligne()), aujourdhui).parcours_ouverts == 0


def test_l_apercu_n_ecrit_rien(referentiel, aujourdhui):
    bilan = importer(fichier_csv(ligne(), ligne(numero="7654321")), aujourdhui, dry_run=True)
    assert bilan.crees == 2
    assert not Beneficiaire.objects.exists()
    assert not Parcours.objects.exists()


def test_un_doublon_dans_le_fichier_est_refuse(referentiel, aujourdhui):
    bilan = importer(fichier_csv(ligne(), ligne(prenom="Claira")), aujourdhui)
    assert (bilan.crees, bilan.refuses) == (1, 1)
    assert "doublon de la ligne 2" in bilan.refus[0].message


def test_l_historique_garde_l_auteur_de_l_import(referentiel, aujourdhui):
    auteur = UserFactory(charge_orientation=True)
    importer(fichier_csv(ligne()), aujourdhui, par=auteur)
    entree = Beneficiaire.history.get()
    assert entree.history_user == auteur


def test_l_import_copie_le_nom_a_la_creation_et_a_la_mise_a_jour(referentiel, aujourdhui):
    importer(fichier_csv(ligne()), aujourdhui)
    parcours = Parcours.objects.get()
    assert Parcours.objects.values_list("nom_tri", flat=True).get(pk=parcours.pk) == "martin claire"
    importer(fichier_csv(ligne(nom="MARTIN-DUPONT")), aujourdhui)
    assert Parcours.objects.values_list("nom_tri", flat=True).get(pk=parcours.pk) == "martin dupont claire"
