from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partenaires.imports import COLONNES, importer


class Command(BaseCommand):
    help = (
        "Importe une liste de partenaires depuis un fichier CSV (séparateur « ; » ou « , », UTF-8 ou Latin-1). "
        f"Colonnes : {', '.join(COLONNES)}. Sans --enregistrer, simulation seulement."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier")
        parser.add_argument("--enregistrer", action="store_true", help="Enregistrer (sinon : simulation).")

    def handle(self, *args, fichier, enregistrer, **options):
        chemin = Path(fichier)
        if not chemin.is_file():
            raise CommandError(f"Fichier introuvable : {fichier}")
        rapport = importer(chemin.read_bytes(), simulation=not enregistrer)
        for ligne, message in rapport.erreurs:
            self.stdout.write(f"Ligne {ligne} : {message}")
        self.stdout.write(f"{len(rapport.valides)} ligne(s) valide(s), {len(rapport.erreurs)} ligne(s) en erreur.")
        if rapport.erreurs:
            if enregistrer:
                raise CommandError("Le fichier contient des erreurs : rien n'a été enregistré.")
            return
        if enregistrer:
            self.stdout.write(f"{rapport.crees} partenaire(s) créé(s).")
        else:
            self.stdout.write("Simulation : rien n'a été enregistré. Relancez avec --enregistrer.")
