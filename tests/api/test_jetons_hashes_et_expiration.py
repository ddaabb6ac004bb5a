"""API tokens: only a digest in the database, shown once, expiring (default from settings), never clear in the admin;
the migration turns the old clear tokens into digests that keep working."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from pacte.models import JetonAPI
from pacte.models.jetons import empreinte_de
from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/territoires/"
migration_jetons = importlib.import_module("pacte.migrations.0004_jetons_api_hashes")


def api(cle):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {cle}")
    return client


def test_la_base_ne_garde_que_l_empreinte_et_le_debut_du_jeton():
    jeton, cle = JetonAPI.creer(UserFactory())
    stocke = JetonAPI.objects.values().get(pk=jeton.pk)
    assert cle not in [str(v) for v in stocke.values()]
    assert stocke["empreinte"] == empreinte_de(cle) and stocke["prefixe"] == cle[:8]


def test_un_jeton_expire_par_defaut_apres_la_duree_des_reglages():
    avant = timezone.now()
    jeton, _ = JetonAPI.creer(UserFactory())
    duree = jeton.expire_le - avant
    assert datetime.timedelta(days=settings.PACTE_JETON_API_DUREE_JOURS) <= duree
    assert duree < datetime.timedelta(days=settings.PACTE_JETON_API_DUREE_JOURS, minutes=1)


def test_un_jeton_expire_est_refuse_en_francais():
    jeton, cle = JetonAPI.creer(UserFactory())
    assert api(cle).get(URL).status_code == 200
    JetonAPI.objects.filter(pk=jeton.pk).update(expire_le=timezone.now() - datetime.timedelta(seconds=1))
    reponse = api(cle).get(URL)
    assert reponse.status_code == 401
    assert reponse.json() == {
        "detail": "Jeton expiré : créez un nouveau jeton sur la page « Mon jeton d'accès à l'API »."
    }


def test_la_page_dit_quand_le_jeton_expire_ou_qu_il_a_expire(client):
    user = UserFactory()
    jeton, _ = JetonAPI.creer(user)
    client.force_login(user)
    assert (
        f"il expire le {timezone.localtime(jeton.expire_le):%d/%m/%Y}"
        in client.get(reverse("jeton_api")).content.decode()
    )
    JetonAPI.objects.filter(pk=jeton.pk).update(expire_le=timezone.now() - datetime.timedelta(days=1))
    assert "l'API le refuse" in client.get(reverse("jeton_api")).content.decode()


def test_l_administration_ne_montre_aucune_cle_en_clair_et_ne_cree_pas_de_jeton(client):
    jeton, cle = JetonAPI.creer(UserFactory(email="agent@departement.test"))
    client.force_login(UserFactory(administrateur=True, is_staff=True, is_superuser=True))
    liste = client.get(reverse("admin:pacte_jetonapi_changelist")).content.decode()
    fiche = client.get(reverse("admin:pacte_jetonapi_change", args=[jeton.pk])).content.decode()
    assert jeton.prefixe in liste and jeton.prefixe in fiche
    for page in (liste, fiche):
        assert cle not in page and jeton.empreinte not in page
    assert client.get(reverse("admin:pacte_jetonapi_add")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_la_migration_change_les_jetons_en_clair_en_empreintes_qui_marchent_encore():
    user = UserFactory()
    ancienne_cle = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as curseur:
        curseur.execute("CREATE TABLE authtoken_token (key varchar(40), user_id bigint, created timestamp)")
        curseur.execute(
            "INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, %s)",
            [ancienne_cle, user.pk, timezone.now()],
        )
    try:
        with connection.schema_editor() as editeur:
            migration_jetons.deplacer_jetons_en_clair(apps, editeur)
        with connection.cursor() as curseur:
            curseur.execute("SELECT COUNT(*) FROM authtoken_token")
            assert curseur.fetchone()[0] == 0
    finally:
        with connection.cursor() as curseur:
            curseur.execute("DROP TABLE authtoken_token")
    jeton = JetonAPI.objects.get(utilisateur=user)
    assert jeton.empreinte == empreinte_de(ancienne_cle) and jeton.expire_le > timezone.now()
    assert api(ancienne_cle).get(URL).status_code == 200
