from django.apps import AppConfig


class ParcoursConfig(AppConfig):
    name = "parcours"
    verbose_name = "Parcours des bénéficiaires"

    def ready(self):
        from parcours import accueil, faits

        faits.brancher()
        accueil.brancher()
