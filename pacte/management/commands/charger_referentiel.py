from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pacte.referentiel import ReferentielInvalide, charger


class Command(BaseCommand):
    help = "Charge le référentiel d'un département (pacte, thématiques, territoires, MDD, communes, sites)."

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Fichier YAML du référentiel (ex. referentiel/haute-vienne.yaml).")

    def handle(self, *args, fichier, **options):
        chemin = Path(fichier)
        try:
            contenu = chemin.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"Le fichier « {fichier} » est introuvable.") from None
        except UnicodeDecodeError:
            raise CommandError(f"Le fichier « {fichier} » n'est pas encodé en UTF-8.") from None
        except OSError as exc:
            raise CommandError(f"Le fichier « {fichier} » ne peut pas être lu ({exc.strerror}).") from None
        try:
            bilan = charger(contenu, chemin.resolve().parent)
        except ReferentielInvalide as exc:
            raise CommandError(
                "Référentiel refusé, rien n'a été enregistré :\n" + "\n".join(f"  {e}" for e in exc.erreurs)
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Référentiel chargé depuis {chemin.name} : {bilan}."))
