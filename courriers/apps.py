from django.apps import AppConfig


class CourriersConfig(AppConfig):
    name = "courriers"
    verbose_name = "Invitations, convocations et courriers"

    def ready(self):
        from courriers import chronologie, referentiel

        # parcours does not import courriers: its timeline and its page read the hooks courriers registers here.
        chronologie.brancher()
        referentiel.brancher()
