"""Local development: the embedded SQLite database and demo accounts."""

import os

from .base import *  # noqa: F403
from .env import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
PACTE_AUTORISER_COMPTES_DEMO = DEBUG
if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-seulement-cle-non-secrete-a-ne-jamais-utiliser-en-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
else:
    from django.core.exceptions import ImproperlyConfigured

    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY doit être définie quand DEBUG est désactivé.")
