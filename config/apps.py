from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project shell: settings, root URLs, the home dispatcher, the demo data. No app imports it."""

    name = "config"
    verbose_name = "Socle du projet"
