from django.conf import settings
from django.core.management.base import BaseCommand

from parcours.rgpd import anonymiser


class Command(BaseCommand):
    help = (
        "Anonymise les personnes dont tous les parcours sont clos depuis plus que le délai de conservation. "
        "Sans --appliquer, compte seulement ce qui serait anonymisé."
    )

    def add_arguments(self, parser):
        parser.add_argument("--appliquer", action="store_true", help="Anonymiser réellement (sinon : essai à blanc).")
        parser.add_argument(
            "--delai-jours",
            type=int,
            default=None,
            help=f"Délai après la sortie, en jours (défaut : {settings.PACTE_DELAI_ANONYMISATION_JOURS}).",
        )

    def handle(self, *args, appliquer, delai_jours, **options):
        if delai_jours is not None and delai_jours < 0:
            self.stderr.write("Le délai doit être un nombre de jours positif.")
            return
        bilan = anonymiser(delai_jours=delai_jours, appliquer=appliquer)
        if appliquer:
            self.stdout.write(
                self.style.SUCCESS(f"{bilan.beneficiaires} personne(s) anonymisée(s) ({bilan.parcours} parcours).")
            )
        else:
            self.stdout.write(
                f"Essai à blanc : {bilan.beneficiaires} personne(s) ({bilan.parcours} parcours) seraient anonymisées. "
                "Relancez avec --appliquer pour le faire."
            )
