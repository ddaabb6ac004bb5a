from django.apps import AppConfig


class DroitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "droits"
    verbose_name = "Droits et devoirs"

    def ready(self):
        from droits import chronologie  # noqa: F401 - registers the timeline sources of the parcours
