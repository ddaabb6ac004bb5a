"""gunicorn's master prepares what every worker needs before it forks them (config/prechauffage.py, gunicorn.conf.py):
the pages, the UI components of the theme and the field templates are compiled, and no database connection is
opened (it would be shared by every worker). No django_db marker here: any query fails the test."""

import runpy

import pytest
from django.conf import settings
from django.template import engines
from django.template.autoreload import reset_loaders
from django.template.loaders.filesystem import Loader

from config.prechauffage import prechauffer
from pacte.themes import gabarit, rendu

PAGES = ["base.html", "parcours/fiche.html", "parcours/file_active.html", "partenaires/catalogue.html"]
COMPOSANTS = ["bouton", "tableau", "alerte", "entete"]
# Per theme: what its form renderer includes (django-dsfr's snippets, or Django's own layout) and its field templates.
CHAMPS = {
    "dsfr": ["dsfr/form_field_snippets/input_snippet.html", "django/forms/widgets/select.html"],
    "collectivite": ["django/forms/div.html", "django/forms/widgets/select.html"],
}
CHAMPS_DU_THEME = {"dsfr": ["champs/case_a_cocher"], "collectivite": ["champs/champ"]}


def _vider_les_caches():
    reset_loaders()
    for loader in rendu().engine.engine.template_loaders:
        loader.reset()


@pytest.fixture
def lectures(monkeypatch):
    """The names of the template files read from disk (every loader of the project reads through this method)."""
    lus = []
    lire = Loader.get_contents

    def noter(self, origin):
        lus.append(origin.template_name)
        return lire(self, origin)

    monkeypatch.setattr(Loader, "get_contents", noter)
    return lus


@pytest.mark.parametrize("operateur", ["operateur_collectivite", "operateur_etat"])
def test_le_prechauffage_compile_les_pages_et_les_champs_une_fois_pour_tous_les_workers(lectures, operateur, request):
    request.getfixturevalue(operateur)
    _vider_les_caches()
    assert prechauffer() > 100
    lectures.clear()
    for nom in PAGES + [gabarit(c) for c in COMPOSANTS]:
        engines["django"].get_template(nom)
    for nom in CHAMPS[settings.PACTE_THEME] + [gabarit(c) for c in CHAMPS_DU_THEME[settings.PACTE_THEME]]:
        rendu().get_template(nom)
    assert lectures == [], "ces gabarits auraient été compilés par chaque worker"


def test_sans_prechauffage_chaque_worker_lirait_les_gabarits(lectures):
    _vider_les_caches()
    engines["django"].get_template("base.html")
    assert "base.html" in lectures


def test_gunicorn_charge_l_application_dans_le_maitre_et_la_prechauffe():
    reglages = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert reglages["preload_app"] is True
    assert reglages["wsgi_app"] == "config.wsgi"
    assert callable(reglages["when_ready"])


def test_le_maitre_soustrait_ce_qu_il_a_charge_au_ramasse_miettes(monkeypatch):
    import gc
    from types import SimpleNamespace

    reglages = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    journal = []
    serveur = SimpleNamespace(
        cfg=SimpleNamespace(preload_app=True), log=SimpleNamespace(info=lambda *args: journal.append(args))
    )
    gc.unfreeze()
    try:
        reglages["when_ready"](serveur)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
    assert journal[0][1] > 100, "les gabarits sont compilés avant le gel"
