"""An import moves only along etats.TRANSITIONS, every move is logged with its author, and a run holds a lease."""

import datetime

import pytest
from django.utils import timezone

from pacte.models import ImportFichier, TransitionImport
from parcours.imports import etats
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db
E = ImportFichier.Etat


def _import(**champs):
    return etats.creer(nom_fichier="entrants.csv", empreinte="abc", **champs)


def _journal(import_fichier):
    return list(import_fichier.transitions.values_list("etat_avant", "etat_apres", "par_id"))


def test_chaque_changement_d_etat_est_journalise_avec_son_auteur():
    chargee = UserFactory(charge_orientation=True)
    import_fichier = _import(par=chargee)
    jeton = etats.demarrer(import_fichier, par=chargee)
    etats.interrompre(import_fichier, jeton, erreur="panne", par=chargee)
    jeton = etats.demarrer(import_fichier, par=chargee)
    etats.terminer(import_fichier, jeton, compteurs={"crees": 3}, par=chargee)
    assert _journal(import_fichier) == [
        ("", E.APERCU, chargee.pk),
        (E.APERCU, E.EN_COURS, chargee.pk),
        (E.EN_COURS, E.ECHOUE, chargee.pk),
        (E.ECHOUE, E.EN_COURS, chargee.pk),
        (E.EN_COURS, E.TERMINE, chargee.pk),
    ]
    import_fichier.refresh_from_db()
    assert (import_fichier.etat, import_fichier.compteurs, import_fichier.jeton) == (E.TERMINE, {"crees": 3}, "")
    assert import_fichier.transitions.get(etat_apres=E.ECHOUE).motif == "panne"


def test_une_transition_hors_table_est_refusee_sans_rien_ecrire():
    import_fichier = _import()
    with pytest.raises(etats.TransitionRefusee, match="ne peut pas passer de l'état « Aperçu"):
        etats.appliquer_transition(import_fichier, E.TERMINE)
    import_fichier.refresh_from_db()
    assert import_fichier.etat == E.APERCU
    assert TransitionImport.objects.count() == 1  # the creation only


def test_un_import_termine_ne_repart_pas():
    import_fichier = _import()
    etats.terminer(import_fichier, etats.demarrer(import_fichier), compteurs={})
    with pytest.raises(etats.TransitionRefusee):
        etats.demarrer(import_fichier)


def test_un_etat_change_entre_temps_refuse_la_transition():
    import_fichier = _import()
    ImportFichier.objects.filter(pk=import_fichier.pk).update(etat=E.TERMINE)
    with pytest.raises(etats.TransitionRefusee, match="a changé d'état entre-temps"):
        etats.appliquer_transition(import_fichier, E.EN_COURS)


def test_une_execution_qui_a_perdu_son_bail_ne_peut_plus_rien_enregistrer():
    import_fichier = _import()
    ancien = etats.demarrer(import_fichier)
    ImportFichier.objects.filter(pk=import_fichier.pk).update(battement=timezone.now() - datetime.timedelta(hours=1))
    nouveau = etats.demarrer(import_fichier)
    assert nouveau != ancien
    with pytest.raises(etats.ExecutionRemplacee):
        etats.battre(import_fichier, ancien, derniere_ligne=500)
    etats.interrompre(import_fichier, ancien, erreur="le vieux travailleur se réveille")  # changes nothing
    import_fichier.refresh_from_db()
    assert (import_fichier.etat, import_fichier.jeton, import_fichier.derniere_ligne) == (E.EN_COURS, nouveau, 0)
    etats.battre(import_fichier, nouveau, derniere_ligne=10)
    import_fichier.refresh_from_db()
    assert import_fichier.derniere_ligne == 10


def test_un_import_en_cours_sans_signe_de_vie_est_reconnu_et_sa_reprise_journalisee():
    import_fichier = _import()
    etats.demarrer(import_fichier)
    import_fichier.refresh_from_db()
    assert not etats.est_sans_signe_de_vie(import_fichier)
    plus_tard = timezone.now() + etats.DELAI_SANS_SIGNE_DE_VIE + datetime.timedelta(seconds=1)
    assert etats.est_sans_signe_de_vie(import_fichier, plus_tard)
    with pytest.raises(etats.ImportOccupe, match="déjà en cours d'import"):
        etats.demarrer(import_fichier)
    ImportFichier.objects.filter(pk=import_fichier.pk).update(battement=timezone.now() - datetime.timedelta(hours=1))
    etats.demarrer(import_fichier)
    assert [t[:2] for t in _journal(import_fichier)][-2:] == [(E.EN_COURS, E.ECHOUE), (E.ECHOUE, E.EN_COURS)]
    assert "Sans signe de vie depuis le" in import_fichier.transitions.get(etat_apres=E.ECHOUE).motif
