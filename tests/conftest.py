import pytest


def pytest_collection_modifyitems(config, items):
    """Tests marked postgresql run in CI's PostgreSQL pass; on SQLite they are deselected, not skipped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(autouse=True)
def caches_vides():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def referentiel_hv(db):
    """The Haute-Vienne reference data, loaded by the same code as `charger_referentiel`."""
    from django.conf import settings

    from pacte.referentiel import charger

    charger((settings.BASE_DIR / "referentiel" / "haute-vienne.yaml").read_text(encoding="utf-8"))
