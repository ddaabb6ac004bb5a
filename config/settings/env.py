"""Read the environment once, with French errors instead of stack traces."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "oui", "on"}
FALSE_VALUES = {"0", "false", "no", "non", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"La variable d'environnement {name} vaut « {raw} » : valeurs acceptées 1/0, true/false, oui/non."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"La variable d'environnement {name} vaut « {raw} » : un nombre entier est attendu."
        ) from None


def database_config(default_sqlite_path) -> dict:
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite_path),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL n'est pas une adresse de base de données reconnue ({exc}). "
            "Exemple : postgres://utilisateur@127.0.0.1:5432/pacte"
        ) from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured("DATABASE_URL : moteur de base de données inconnu.")
    if config["ENGINE"] == "django.db.backends.postgresql":
        # The JIT compiles the indicator aggregates anew on every run (70-330 ms each, measured on the
        # large data set) and never pays back on queries of this size.
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return config


def env_choix(name: str, default: str, choix: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choix:
        raise ImproperlyConfigured(
            f"La variable d'environnement {name} vaut « {raw} » : valeurs acceptées {', '.join(choix)}."
        )
    return value


def origine(url: str) -> str:
    """scheme://host[:port] of an address, as a Content-Security-Policy source."""
    parties = urlsplit(url)
    return f"{parties.scheme}://{parties.netloc}"
