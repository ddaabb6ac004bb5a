from django.apps import AppConfig


class PacteConfig(AppConfig):
    name = "pacte"
    verbose_name = "Pacte et référentiel"

    def ready(self):
        from pacte import courant, marque

        courant.brancher()
        marque.brancher()
