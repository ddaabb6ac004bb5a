"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os

import pytest

from config.demo.comptes import DEMO_PASSWORD, creer_comptes_demo

CHROMIUM = os.environ.get("PACTE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    from django.conf import settings

    # The operator is read at start-up (PACTE_OPERATEUR), as in production: one run per operator (make test-browser).
    return f"opérateur : {settings.PACTE_OPERATEUR} (thème {settings.PACTE_THEME})"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def navigateur():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(navigateur, live_server):
    context = navigateur.new_context(locale="fr-FR", base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def comptes_demo(transactional_db, referentiel_hv):
    """One demo account per role, on the Haute-Vienne reference data; the partner account gets a partner."""
    from tests.partenaires.factories import PartenaireFactory

    comptes = creer_comptes_demo(partenaire=PartenaireFactory(raison_sociale="Association Tremplin 87"))
    return {role: {"email": user.email, "password": DEMO_PASSWORD, "user": user} for role, user in comptes.items()}


@pytest.fixture
def se_connecter(page, live_server):
    def _se_connecter(email, password=DEMO_PASSWORD):
        page.goto(f"{live_server.url}/connexion/")
        page.get_by_label("Adresse électronique").fill(email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _se_connecter


@pytest.fixture
def verifier_accessibilite():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _verifier(page):
        results = axe.run(page)
        graves = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}) : {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in graves
        )
        assert not graves, f"Violations d'accessibilité graves sur {page.url} :\n{details}"
        return results

    return _verifier
