"""Whole-file refusals and per-line validation: French messages naming the line and the column."""

import io

import pytest

from parcours.imports.format import FichierInvalide
from parcours.imports.service import importer_entrants
from parcours.models import Beneficiaire
from tests.imports.conftest import EN_TETE, fichier_csv, ligne

pytestmark = pytest.mark.django_db


def apercu(contenu: bytes, aujourdhui):
    return importer_entrants(io.BytesIO(contenu), dry_run=True, aujourdhui=aujourdhui)


def refus_unique(contenu, aujourdhui):
    bilan = apercu(contenu, aujourdhui)
    assert bilan.refuses == 1
    return bilan.refus[0].message


def test_un_fichier_vide_est_refuse(referentiel, aujourdhui):
    with pytest.raises(FichierInvalide, match="Le fichier est vide"):
        apercu(b"", aujourdhui)


def test_un_fichier_binaire_n_est_pas_un_csv(referentiel, aujourdhui):
    with pytest.raises(FichierInvalide, match="n'est pas un fichier texte CSV"):
        apercu(bytes(range(256)) * 100, aujourdhui)


def test_un_fichier_utf16_est_refuse_pour_son_encodage(referentiel, aujourdhui):
    with pytest.raises(FichierInvalide, match="UTF-16"):
        apercu(fichier_csv(ligne(), encodage="utf-16"), aujourdhui)


def test_cinquante_mo_de_texte_sans_separateur_sont_refuses_sans_tout_lire(referentiel, aujourdhui):
    with pytest.raises(FichierInvalide, match="Ligne 1 \\(en-tête\\) : la ligne d'en-tête est anormalement longue"):
        apercu(b"x" * (50 * 1024 * 1024), aujourdhui)


def test_un_csv_sans_les_colonnes_attendues_n_est_pas_un_fichier_des_entrants(referentiel, aujourdhui):
    with pytest.raises(FichierInvalide, match="aucune des colonnes attendues"):
        apercu(b"a;b;c\n1;2;3\n", aujourdhui)


def test_une_colonne_manquante_est_nommee(referentiel, aujourdhui):
    en_tete = EN_TETE.replace(";DTNAI", "")
    with pytest.raises(FichierInvalide, match="colonne obligatoire absente : DTNAI \\(date de naissance\\)"):
        apercu(fichier_csv(en_tete=en_tete), aujourdhui)
    assert not Beneficiaire.objects.exists()


def test_latin1_et_virgule_sont_detectes(referentiel, aujourdhui):
    contenu = fichier_csv(ligne(nom="LEFÈVRE", prenom="Hélène"), encodage="latin-1", separateur=",")
    bilan = importer_entrants(io.BytesIO(contenu), aujourdhui=aujourdhui)
    assert bilan.crees == 1
    assert Beneficiaire.objects.get().prenom == "Hélène"


def test_utf8_avec_bom_et_noms_de_colonnes_alternatifs(referentiel, aujourdhui):
    en_tete = "\ufeffOrganisme;Matricule;Nom;Prénom;DTNAI;Commune;DTOUVDRT;Qualité"
    contenu = fichier_csv("MSA;123456789012;DURAND;Zoé;1990-01-31;87085;20251001;CJT", en_tete=en_tete)
    bilan = importer_entrants(io.BytesIO(contenu), aujourdhui=aujourdhui)
    assert bilan.crees == 1
    personne = Beneficiaire.objects.get()
    assert (personne.organisme_payeur, personne.qualite, personne.prenom) == ("msa", "conjoint", "Zoé")


def test_une_date_de_naissance_dans_le_futur_est_refusee_avec_ligne_et_colonne(referentiel, aujourdhui):
    message = refus_unique(fichier_csv(ligne(dtnai="01/01/2030")), aujourdhui)
    assert message == "Ligne 2, colonne DTNAI : la date de naissance 01/01/2030 est dans le futur"


def test_une_commune_hors_du_departement_est_refusee(referentiel, aujourdhui):
    message = refus_unique(fichier_csv(ligne(insee="75056")), aujourdhui)
    assert message == (
        "Ligne 2, colonne CODE_INSEE : la commune « 75056 » est hors du département (87) : "
        "la personne relève d'un autre département"
    )


def test_une_commune_inconnue_du_referentiel_est_refusee(referentiel, aujourdhui):
    message = refus_unique(fichier_csv(ligne(insee="87999")), aujourdhui)
    assert "le code INSEE « 87999 » n'est pas une commune connue" in message


def test_des_chiffres_d_une_autre_ecriture_ne_font_pas_un_numero(referentiel, aujourdhui):
    message = refus_unique(fichier_csv(ligne(numero="١٢٣٤٥٦٧")), aujourdhui)
    assert "doit compter 7 chiffres (CAF)" in message


def test_un_numero_caf_doit_compter_sept_chiffres(referentiel, aujourdhui):
    message = refus_unique(fichier_csv(ligne(numero="12A45")), aujourdhui)
    assert message == "Ligne 2, colonne NUMDEMRSA : le numéro allocataire « 12A45 » doit compter 7 chiffres (CAF)"


def test_plusieurs_erreurs_d_une_ligne_sont_toutes_nommees(referentiel, aujourdhui):
    message = refus_unique(fichier_csv(ligne(dtouv="31/02/2025", qualite="XX")), aujourdhui)
    assert "colonne DTOUVDRT : « 31/02/2025 » n'est pas une date" in message
    assert "colonne QUALITE : « XX » n'est pas une qualité connue (DEM ou CJT)" in message


def test_une_ligne_au_mauvais_nombre_de_colonnes_est_refusee(referentiel, aujourdhui):
    message = refus_unique(fichier_csv("CAF;1234567;MARTIN"), aujourdhui)
    assert message.startswith("Ligne 2, 3 valeurs au lieu de 9")


def test_un_octet_invalide_apres_l_echantillon_utf8_refuse_sa_ligne(referentiel, aujourdhui):
    # 1,200 valid UTF-8 lines (more than the 64 KB sample), then one byte that is not UTF-8.
    lignes = [ligne(numero=f"{2000000 + i}", prenom="Hélène") for i in range(1200)]
    contenu = fichier_csv(
        *lignes, ligne(numero="7654321", nom="MART\udcffIN"), encodage="utf-8", erreurs="surrogateescape"
    )
    bilan = apercu(contenu, aujourdhui)
    assert (bilan.crees, bilan.refuses) == (1200, 1)
    assert bilan.refus[0].message.startswith("Ligne 1202, colonne NOMNAI : caractères illisibles")


def test_les_lignes_refusees_ne_sont_pas_ecrites_et_les_autres_si(referentiel, aujourdhui):
    contenu = fichier_csv(ligne(), ligne(numero="7654321", dtnai="01/01/2030"), ligne(numero="1111111", insee="75056"))
    bilan = importer_entrants(io.BytesIO(contenu), aujourdhui=aujourdhui)
    assert (bilan.crees, bilan.refuses) == (1, 2)
    assert list(Beneficiaire.objects.values_list("numero_allocataire", flat=True)) == ["1234567"]
