import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks import task

from pacte.models import TacheDeFond
from pacte.taches import MESSAGE_ECHEC, avancer, creer_tache, executer, lancer, terminer
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


@task()
def tache_exemple(tache_id, echouer=False, refuser=False):
    with executer(tache_id):
        avancer(tache_id, 40, "Moitié du chemin")
        if echouer:
            raise ValueError("division by zero in worker")
        if refuser:
            raise ValidationError("Le fichier ne contient aucune ligne.")
        terminer(tache_id, message="Fini.", fichier=b"a;b\n", fichier_nom="export.csv", fichier_type="text/csv")


def test_une_tache_lancee_va_jusqu_au_bout_et_garde_son_fichier():
    user = UserFactory()
    tache = creer_tache(nature="export", libelle="Export test", utilisateur=user)
    lancer(tache, tache_exemple)
    tache.refresh_from_db()
    assert tache.etat == TacheDeFond.Etat.TERMINEE
    assert tache.progression == 100
    assert tache.task_result_id
    assert bytes(tache.fichier) == b"a;b\n"


def test_une_tache_en_erreur_montre_un_message_generique_et_journalise_l_exception(caplog):
    tache = creer_tache(nature="export", libelle="Export test")
    with caplog.at_level(logging.ERROR, logger="pacte.taches"):
        lancer(tache, tache_exemple, echouer=True)
    tache.refresh_from_db()
    assert tache.etat == TacheDeFond.Etat.ECHOUEE
    assert tache.message == MESSAGE_ECHEC
    assert "division by zero" not in tache.message
    assert "division by zero in worker" in caplog.text
    assert f"Tâche de fond {tache.pk}" in caplog.text


def test_une_tache_refusee_par_une_regle_montre_le_message_de_la_regle():
    tache = creer_tache(nature="import", libelle="Import test")
    lancer(tache, tache_exemple, refuser=True)
    tache.refresh_from_db()
    assert tache.etat == TacheDeFond.Etat.ECHOUEE
    assert tache.message == "La tâche s'est interrompue : Le fichier ne contient aucune ligne."


def test_la_progression_ne_recule_pas_et_reste_bornee():
    tache = creer_tache(nature="export", libelle="Export")
    avancer(tache.pk, 60)
    avancer(tache.pk, 30, "retard")
    tache.refresh_from_db()
    assert (tache.progression, tache.message, tache.etat) == (60, "retard", "en_cours")
    avancer(tache.pk, 250)
    tache.refresh_from_db()
    assert tache.progression == 100


def test_le_fragment_htmx_se_rafraichit_chaque_seconde_tant_que_la_tache_tourne(client):
    user = UserFactory()
    tache = creer_tache(nature="export", libelle="Export long", utilisateur=user)
    avancer(tache.pk, 30, "Page 3 sur 10")
    client.force_login(user)
    reponse = client.get(reverse("tache", args=[tache.pk]), headers={"HX-Request": "true"})
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert 'hx-trigger="every 1s"' in contenu
    assert "<html" not in contenu
    assert "Page 3 sur 10" in contenu
    terminer(tache.pk, resultat={"url": "/evaluation/"})
    contenu = client.get(reverse("tache", args=[tache.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "every 1s" not in contenu
    assert 'href="/evaluation/"' in contenu


def test_la_page_d_une_tache_fonctionne_sans_javascript(client):
    user = UserFactory()
    tache = creer_tache(nature="export", libelle="Export long", utilisateur=user)
    client.force_login(user)
    contenu = client.get(reverse("tache", args=[tache.pk])).content.decode()
    assert contenu.count("<h1") == 1
    assert "Actualiser l'avancement" in contenu
    assert "VARIABLE INCONNUE" not in contenu


def test_un_utilisateur_ne_voit_pas_la_tache_d_un_autre(client):
    tache = creer_tache(nature="export", libelle="Export", utilisateur=UserFactory())
    terminer(tache.pk, fichier=b"x", fichier_nom="x.csv")
    client.force_login(UserFactory())
    assert client.get(reverse("tache", args=[tache.pk])).status_code == 404
    assert client.get(reverse("tache_fichier", args=[tache.pk])).status_code == 404
    client.force_login(UserFactory(administrateur=True))
    assert client.get(reverse("tache_fichier", args=[tache.pk])).content == b"x"
