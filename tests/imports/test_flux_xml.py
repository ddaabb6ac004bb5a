"""The CAF/MSA XML flow: households and their demandeur / conjoint, the right's state, with the CSV's guarantees."""

import datetime
import html
import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from pacte.models import ImportFichier
from parcours.choices import EtatDroit
from parcours.imports import ecriture
from parcours.imports.format import FichierInvalide
from parcours.imports.service import importer_entrants, importer_fichier, importer_flux_xml
from parcours.imports.validation import Referentiel
from parcours.imports.xml_cnaf import LecteurXML
from parcours.models import Beneficiaire, Parcours
from tests.imports.flux_xml import flux, foyer, personne
from tests.parcours.factories import agent_mdd

pytestmark = pytest.mark.django_db


def _importer(contenu, aujourdhui, **options):
    return importer_flux_xml(io.BytesIO(contenu), aujourdhui=aujourdhui, **options)


def _couple(etat="2", motif="", date_etat="", matricule="000000001234567"):
    return foyer(
        personne(),
        personne(nom="MARTIN", prenom="Paul", dtnai="1983-07-02", sexe="1", role="CJT"),
        personne(nom="MARTIN", prenom="Léo", dtnai="2015-05-05", sexe="1", role="ENF"),
        etat=etat,
        motif=motif,
        date_etat=date_etat,
        matricule=matricule,
    )


def test_un_foyer_cree_le_demandeur_et_le_conjoint_pas_les_enfants(referentiel, aujourdhui):
    bilan = _importer(flux(_couple()), aujourdhui)
    assert (bilan.crees, bilan.refuses, bilan.parcours_ouverts) == (2, 0, 2)
    demandeur = Beneficiaire.objects.get(qualite="demandeur")
    assert (demandeur.numero_allocataire, demandeur.organisme_payeur, demandeur.prenom) == ("1234567", "caf", "Claire")
    assert (demandeur.date_naissance, demandeur.sexe, demandeur.commune.code_insee) == (
        datetime.date(1985, 3, 14),
        "F",
        "87085",
    )
    parcours = demandeur.parcours.get()
    assert (parcours.date_ouverture_droit, parcours.etat_droit, parcours.date_etat_droit) == (
        datetime.date(2025, 10, 1),
        EtatDroit.OUVERT,
        datetime.date(2025, 11, 1),
    )
    assert parcours.mdd == referentiel["mdd_limoges"]
    assert not Beneficiaire.objects.filter(prenom="Léo").exists()


def test_le_meme_flux_reimporte_ne_change_rien(referentiel, aujourdhui):
    _importer(flux(_couple()), aujourdhui)
    bilan = _importer(flux(_couple()), aujourdhui)
    assert (bilan.crees, bilan.inchanges, bilan.droits_changes, bilan.parcours_ouverts) == (0, 2, 0, 0)
    assert Beneficiaire.objects.count() == 2 and Parcours.objects.count() == 2


def test_un_droit_suspendu_se_voit_sur_le_parcours_et_dans_la_file_active(client, referentiel, aujourdhui):
    _importer(flux(_couple()), aujourdhui)
    bilan = _importer(flux(_couple(etat="3", motif="06", date_etat="2025-11-05"), dtref="2025-12-01"), aujourdhui)
    assert bilan.droits_changes == 2
    parcours = Parcours.objects.get(beneficiaire__qualite="demandeur")
    assert (parcours.etat_droit, parcours.date_etat_droit) == (EtatDroit.SUSPENDU, datetime.date(2025, 11, 5))
    assert parcours.motif_etat_droit == "06 — déclaration trimestrielle de ressources non fournie"
    assert parcours.history.first().history_change_reason == ecriture.RAISON_HISTORIQUE

    client.force_login(agent_mdd(parcours.mdd))
    fiche = html.unescape(client.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode())
    assert "Droit suspendu le 05/11/2025" in fiche
    assert "motif : 06 — déclaration trimestrielle de ressources non fournie" in fiche
    file_active = html.unescape(client.get(reverse("parcours:file_active")).content.decode())
    assert file_active.count("Droit suspendu le 05/11/2025") == 2


def test_un_droit_radie_est_note_et_alimente_les_flux_des_indicateurs(referentiel, aujourdhui):
    _importer(flux(_couple()), aujourdhui)
    _importer(flux(_couple(etat="5", motif="RFD", date_etat="2025-11-10")), aujourdhui)
    parcours = Parcours.objects.get(beneficiaire__qualite="demandeur")
    assert (parcours.etat_droit, parcours.motif_etat_droit) == (EtatDroit.RADIE, "RFD — radié, fin de droit")
    assert parcours.date_sortie is None  # the exit stays a decision of the référent
    novembre = (datetime.date(2025, 11, 1), datetime.date(2025, 11, 30))
    assert Parcours.objects.droits_devenus([EtatDroit.RADIE], *novembre).count() == 2
    assert Parcours.objects.droits_devenus([EtatDroit.SUSPENDU], *novembre).count() == 0
    assert Parcours.objects.droit_interrompu().count() == 2


def test_un_droit_clos_refuse_ou_en_attente_d_une_personne_inconnue_ne_cree_personne(referentiel, aujourdhui):
    contenu = flux(
        _couple(etat="5", motif="RFD", date_etat="2025-11-10"),
        _couple(etat="0", matricule="7654321"),
        _couple(etat="1", matricule="7654322"),
    )
    bilan = _importer(contenu, aujourdhui)
    assert (bilan.crees, bilan.ignores, bilan.refuses) == (0, 6, 0)
    assert not Beneficiaire.objects.exists()


def test_l_apercu_n_ecrit_rien(referentiel, aujourdhui):
    bilan = _importer(flux(_couple()), aujourdhui, dry_run=True)
    assert bilan.crees == 2
    assert not Beneficiaire.objects.exists() and not ImportFichier.objects.exists()


def test_chaque_personne_fautive_est_refusee_en_francais_et_les_autres_importees(referentiel, aujourdhui):
    contenu = flux(
        foyer(personne(dtnai="1985-13-45"), matricule="1111111"),
        foyer(personne(nom=""), matricule="2222222"),
        foyer(personne(), matricule="3333333", commune="99999"),
        foyer(personne(), matricule="4444444", etat="9"),
        foyer(personne(), matricule="5555555"),
    )
    bilan = _importer(contenu, aujourdhui)
    assert (bilan.crees, bilan.refuses) == (1, 4)
    messages = [r.message for r in bilan.refus]
    assert messages == [
        "Foyer n° 1 (matricule 1111111), demandeur, colonne DTNAI : « 1985-13-45 » n'est pas une date "
        "(JJ/MM/AAAA attendu)",
        "Foyer n° 2 (matricule 2222222), demandeur, colonne NOMNAI : le nom de naissance est vide",
        "Foyer n° 3 (matricule 3333333), demandeur, colonne NUMCOM : le code INSEE « 99999 » ne correspond à "
        "aucune commune",
        "Foyer n° 4 (matricule 4444444), demandeur, colonne ETATDOSRSA : « 9 » n'est pas un état de droit connu "
        "(0 à 6)",
    ]


@pytest.mark.parametrize(
    "contenu",
    [
        b'<?xml version="1.0"?><!DOCTYPE Racine [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><Racine><InfosFoyerRSA>&c;</InfosFoyerRSA></Racine>',
        b'<?xml version="1.0"?><!DOCTYPE Racine SYSTEM "file:///etc/passwd"><Racine></Racine>',
        b'<?xml version="1.0"?>\n' + b" " * 300_000 + b'<!DOCTYPE Racine [<!ENTITY x "y">]><Racine/>',
    ],
    ids=["milliard_de_rires", "entite_externe", "dtd_apres_un_long_prologue"],
)
def test_une_dtd_ou_des_entites_sont_refusees_avant_toute_lecture(referentiel, aujourdhui, contenu):
    with pytest.raises(FichierInvalide, match="déclaration de type de document"):
        _importer(contenu, aujourdhui)
    assert not Beneficiaire.objects.exists()


def test_une_entite_non_declaree_ou_un_autre_encodage_sont_refuses_en_francais(referentiel, aujourdhui):
    with pytest.raises(FichierInvalide, match="mal formé à la ligne 1"):
        _importer(b"<Racine><InfosFoyerRSA>&inconnue;</InfosFoyerRSA></Racine>", aujourdhui)
    with pytest.raises(FichierInvalide, match="UTF-8 ou en Latin-1"):
        _importer(flux(_couple()).decode().encode("utf-16"), aujourdhui)
    with pytest.raises(FichierInvalide, match="élément racine est « html »"):
        _importer(b"<html><body>Bonjour</body></html>", aujourdhui)


def test_un_flux_tronque_est_refuse_par_la_commande_avant_tout_enregistrement(referentiel, tmp_path):
    contenu = flux(*[_couple(matricule=f"{1000000 + i}") for i in range(30)])
    chemin = tmp_path / "flux.xml"
    chemin.write_bytes(contenu[:-40])  # the end of the document is lost in transit
    with pytest.raises(CommandError, match="Le fichier XML est mal formé à la ligne"):
        call_command("importer_entrants", str(chemin), "--taille-lot", "5")
    assert not Beneficiaire.objects.exists()
    assert not ImportFichier.objects.exists()


def test_la_commande_importe_un_flux_xml_et_le_reprend_apres_une_panne(referentiel, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 11, 15))
    chemin = tmp_path / "flux.xml"
    chemin.write_bytes(flux(*[_couple(matricule=f"{1000000 + i}") for i in range(10)]))
    vraie, appels = ecriture.enregistrer_parcours, []

    def panne_au_deuxieme_lot(*args):
        appels.append(1)
        if len(appels) == 2:
            raise RuntimeError("panne simulée")
        return vraie(*args)

    monkeypatch.setattr(ecriture, "enregistrer_parcours", panne_au_deuxieme_lot)
    with pytest.raises(RuntimeError):
        call_command("importer_entrants", str(chemin), "--taille-lot", "6")
    import_fichier = ImportFichier.objects.get()
    assert (import_fichier.etat, import_fichier.derniere_ligne, import_fichier.nature) == (
        ImportFichier.Etat.ECHOUE,
        6,
        ImportFichier.Nature.BENEFICIAIRES_XML,
    )
    assert Beneficiaire.objects.count() == 6
    monkeypatch.setattr(ecriture, "enregistrer_parcours", vraie)
    call_command("importer_entrants", str(chemin), "--taille-lot", "6")
    assert "Reprise de l'import" in capsys.readouterr().out
    assert Beneficiaire.objects.count() == 20 and Parcours.objects.count() == 20
    import_fichier.refresh_from_db()
    assert (import_fichier.etat, import_fichier.compteurs["crees"]) == (ImportFichier.Etat.TERMINE, 20)


def test_la_page_accepte_le_flux_xml_et_ses_refus_se_corrigent_en_csv(
    client, referentiel, charge_orientation, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2025, 11, 15))
    client.force_login(charge_orientation)
    contenu = flux(_couple(), foyer(personne(prenom="=HYPERLINK(1)", dtnai="demain"), matricule="7654321"))
    client.post(reverse("imports:depot"), {"fichier": SimpleUploadedFile("flux.xml", contenu, "text/xml")})
    import_fichier = ImportFichier.objects.get()
    assert (import_fichier.nature, import_fichier.nb_lignes) == (ImportFichier.Nature.BENEFICIAIRES_XML, 3)
    assert (import_fichier.apercu["crees"], import_fichier.apercu["refuses"]) == (2, 1)
    refus = b"".join(client.get(reverse("imports:refus_csv", args=[import_fichier.pk])).streaming_content)
    lignes = refus.decode("utf-8-sig").splitlines()
    assert (
        lignes[0]
        == "ORGANISME;NUMDEMRSA;NOMNAI;PRENOM;DTNAI;CODE_INSEE;DTOUVDRT;QUALITE;SEXE;LIGNE_ORIGINE;MOTIF_REFUS"
    )
    assert lignes[1].startswith("CAF;7654321;MARTIN;'=HYPERLINK(1);demain;")  # never a formula
    client.post(reverse("imports:confirmer", args=[import_fichier.pk]))
    import_fichier.refresh_from_db()
    assert import_fichier.etat == ImportFichier.Etat.TERMINE
    assert Beneficiaire.objects.count() == 2
    corrige = refus.replace(b"demain", b"1990-01-01")
    bilan = importer_entrants(io.BytesIO(corrige), dry_run=True)
    assert (bilan.crees, bilan.refuses) == (1, 0)


def test_la_lecture_garde_une_memoire_plate_quelle_que_soit_la_taille_du_flux(referentiel, aujourdhui):
    def pic(nombre_de_foyers):
        contenu = flux(*[_couple(matricule=f"{1000000 + i}") for i in range(nombre_de_foyers)])
        ref = Referentiel.charger(aujourdhui)
        tracemalloc.start()
        try:
            lecteur = LecteurXML(io.BytesIO(contenu))
            assert sum(1 for _ in lecteur.membres(ref)) == 2 * nombre_de_foyers
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    petit, grand = pic(200), pic(4000)  # about 0.4 MB and 8 MB of XML
    assert grand < 2 * petit + 512 * 1024, (petit, grand)


def test_le_format_est_reconnu_a_son_contenu(referentiel, aujourdhui):
    assert importer_fichier(io.BytesIO(b"\xef\xbb\xbf" + flux(_couple())), dry_run=True).crees == 2
