"""Production settings pass `check --deploy`; bad environment variables give a French message, no traceback."""

import os
import subprocess
import sys

from django.conf import settings


def _manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=full_env, capture_output=True, text=True
    )


def test_check_deploy_est_propre_avec_les_reglages_de_production():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY="k" * 20 + "une-cle-longue-et-aleatoire-pour-la-production-1234567890",
        ALLOWED_HOSTS="pacte.departement.fr",
        DATABASE_URL="postgres://pacte@127.0.0.1:5432/pacte",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sans_cle_secrete_refuse_de_demarrer_en_francais():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.prod", SECRET_KEY="", ALLOWED_HOSTS="x.fr")
    assert result.returncode != 0
    assert "SECRET_KEY doit être définie" in result.stderr


def test_une_variable_debug_illisible_donne_un_message_francais():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="peut-être")
    assert result.returncode != 0
    assert "La variable d'environnement DEBUG vaut « peut-être »" in result.stderr


def test_une_adresse_de_base_de_donnees_invalide_donne_un_message_francais():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.dev", DATABASE_URL="nimportequoi://")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_sans_debug_le_developpement_exige_une_cle_secrete():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY doit être définie quand DEBUG est désactivé" in result.stderr


def test_la_langue_et_le_fuseau_sont_francais():
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ is True


def test_sqlite_par_defaut_dans_var():
    from config.settings.env import database_config

    saved = os.environ.pop("DATABASE_URL", None)
    try:
        config = database_config(settings.BASE_DIR / "var" / "pacte.sqlite3")
    finally:
        if saved is not None:
            os.environ["DATABASE_URL"] = saved
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert str(config["NAME"]).endswith("var/pacte.sqlite3")
