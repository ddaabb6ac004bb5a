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

    fichier = settings.BASE_DIR / "referentiel" / "haute-vienne.yaml"
    charger(fichier.read_text(encoding="utf-8"), fichier.parent)


def _operateur(settings, nom):
    """Switch the operator as PACTE_OPERATEUR does at start-up: its theme and the static files it may serve."""
    from django.contrib.staticfiles import finders

    settings.PACTE_OPERATEUR = nom
    for reglage, valeur in settings.OPERATEURS[nom].items():
        setattr(settings, reglage, valeur)
    finders.get_finder.cache_clear()


@pytest.fixture
def operateur_etat(settings):
    """The pages of a State operator: the DSFR theme, django-dsfr's static files served."""
    origine = settings.PACTE_OPERATEUR
    _operateur(settings, "etat")
    yield
    _operateur(settings, origine)


@pytest.fixture
def operateur_collectivite(settings):
    origine = settings.PACTE_OPERATEUR
    _operateur(settings, "collectivite")
    yield
    _operateur(settings, origine)


@pytest.fixture(autouse=True)
def _journal_purge_avant_le_vidage_de_la_base(request):
    """A transactional test (live server, workers) ends with a flush, which SQLite does with DELETE: the
    journal's trigger would refuse it. Its entries are deleted first, by the journal's one controlled purge."""
    marqueur = request.node.get_closest_marker("django_db")
    transactionnel = (marqueur is not None and marqueur.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not transactionnel:
        yield
        return
    # Set up the database first, so that this teardown runs before its flush.
    request.getfixturevalue("_django_db_helper")
    yield
    from pacte.models.journal import purger_journal

    purger_journal()
