"""What a new worker process would otherwise do on its first requests, done once in gunicorn's master process before
it forks its workers (gunicorn.conf.py: preload_app, when_ready): import every view, build the URL resolver, compile
the templates. Each worker inherits the result instead of spending its first seconds on it (1.5 s of CPU per worker
to import, then every template compiled on first use, measured on the bench machine), at every start and every
recycling of a worker.

Nothing here opens a database connection: a connection opened before the fork would be shared by every worker.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver

from pacte import themes

# The project's apps (the UI components of the themes are in the project's templates folder), and django-dsfr,
# whose templates the DSFR theme's components include.
APPS_PRECHAUFFEES = ("pacte", "parcours", "partenaires", "evaluation", "dsfr")


def _noms(dossier: Path, sous_dossiers=None):
    for chemin in sorted(dossier.rglob("*.html")):
        nom = chemin.relative_to(dossier).as_posix()
        if sous_dossiers is None or nom.startswith(sous_dossiers):
            yield nom


def _compiler(engine, noms) -> int:
    compiles = 0
    for nom in noms:
        try:
            engine.get_template(nom)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            # A page that cannot compile fails on its own request, as it would without this.
            continue
        compiles += 1
    return compiles


def prechauffer() -> int:
    """Import the views and compile the templates; return the number of templates compiled."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every view module
    resolver.reverse_dict  # noqa: B018 - what {% url %} and reverse() read

    dossiers = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    dossiers += [Path(apps.get_app_config(a.rsplit(".", 1)[-1]).path) / "templates" for a in APPS_PRECHAUFFEES]
    compiles = 0
    for engine in engines.all():
        compiles += _compiler(engine, (nom for d in dossiers if d.is_dir() for nom in _noms(d)))

    # The field templates, in the form renderer's own engine: the theme says which ones every form includes.
    rendu = themes.rendu()
    moteur = rendu.engine
    for dossier in moteur.engine.dirs:
        compiles += _compiler(moteur, _noms(Path(dossier), rendu.gabarits_des_champs))
    connections.close_all()
    return compiles
