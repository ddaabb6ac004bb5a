from django.core.management.base import BaseCommand

from parcours.contrats import echoir_contrats


class Command(BaseCommand):
    help = "Passe à « échu » les contrats d'engagement signés dont la date de fin est dépassée (à lancer chaque nuit)."

    def handle(self, *args, **options):
        nombre = echoir_contrats()
        self.stdout.write(self.style.SUCCESS(f"{nombre} contrat(s) d'engagement passé(s) à « échu »."))
