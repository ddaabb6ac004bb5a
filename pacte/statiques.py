"""The static files of the installed apps, less those the operator may not serve.

django-dsfr stays installed whatever the operator (its templates and tags draw the «dsfr» theme), but its static
files are the State's: the DSFR's CSS and JS, its icons, the Marianne and the Marianne font. For a «collectivite»
operator (settings.PACTE_STATIQUES_EXCLUES) this finder does not see them, so whitenoise does not serve them and
collectstatic does not copy them: no page can reference them by mistake and have it work.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import AppDirectoriesFinder


class FinderDesApplications(AppDirectoriesFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        if app_names is None:
            exclues = set(settings.PACTE_STATIQUES_EXCLUES)
            app_names = [config.name for config in apps.get_app_configs() if config.name not in exclues]
        super().__init__(app_names, *args, **kwargs)
