"""Test settings: fast hashing, strict templates, immediate tasks."""

from .base import *  # noqa: F403
from .base import TEMPLATES

DEBUG = False
SECRET_KEY = "tests-seulement"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "«VARIABLE INCONNUE %s»"
PACTE_AUTORISER_COMPTES_DEMO = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000/minute", "user": "10000/minute"}}  # noqa: F405
# Per process and emptied before each test (tests/conftest.py): no figure leaks from one test to another.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "defaut"},
    "indicateurs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "indicateurs"},
}
RAPPELS_SECRET = "secret-des-rappels-de-test"
RAPPELS_JETON = "jeton-des-rappels-de-test-0123456789abcdef"
SMS_FOURNISSEUR = "faux"
