"""Hardening: login throttling with a French page, CSP without inline scripts, session expiry, cookies."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.pacte.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_cinq_echecs_bloquent_la_connexion_avec_un_message_francais(client):
    UserFactory(email="cible@departement.test")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/connexion/", {"username": "cible@departement.test", "password": "faux"})
        assert response.status_code == 200
    response = client.post("/connexion/", {"username": "cible@departement.test", "password": "faux"})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    # Even the right password is refused while the account is locked.
    response = client.post("/connexion/", {"username": "cible@departement.test", "password": "mot-de-passe-de-test"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The lock holds for that account only: a colleague at the same desk still logs in.
    UserFactory(email="collegue@departement.test")
    response = client.post("/connexion/", {"username": "collegue@departement.test", "password": "mot-de-passe-de-test"})
    assert response.status_code == 302


def test_la_politique_de_securite_interdit_les_scripts_en_ligne(client):
    client.force_login(UserFactory(administrateur=True))
    response = client.get("/")
    politique = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in politique
    assert "unsafe-inline" not in politique.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in politique
    # No inline script in the layout: every <script> has a src.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())


def _expiration(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.mark.django_db
def test_la_session_expire_apres_une_heure_d_inactivite(client):
    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 3600
    client.force_login(UserFactory(administrateur=True))
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    reponse = client.get("/")
    assert reponse.status_code == 302 and reponse["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.django_db
def test_la_session_est_prolongee_au_plus_une_fois_par_minute(client, monkeypatch):
    import pacte.middleware

    horloge = [1_000_000]
    monkeypatch.setattr(pacte.middleware, "maintenant", lambda: horloge[0])
    client.force_login(UserFactory(administrateur=True))
    client.get("/")
    premiere = _expiration(client)
    horloge[0] += 30
    client.get("/")
    assert _expiration(client) == premiere, "moins d'une minute après : la session n'est pas réécrite"
    horloge[0] += 31
    client.get("/")
    assert _expiration(client) > premiere, "une minute après : l'expiration est repoussée"


def test_les_mots_de_passe_ont_douze_caracteres_au_moins():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="trop court"):
        validate_password("Court-87!")
    validate_password("Une-phrase-de-passe-longue-87")
