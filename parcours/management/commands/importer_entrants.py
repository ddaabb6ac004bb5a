"""python manage.py importer_entrants <fichier.csv> [--dry-run]: import the CAF/MSA flow of new entrants.

The format is described in parcours.imports.format (and on the page « Format du fichier »). An
interrupted import of the same file (same SHA-256) resumes after its last committed line.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pacte.models import ImportFichier
from parcours.imports.format import FichierInvalide
from parcours.imports.lecture import empreinte_et_lignes
from parcours.imports.service import TAILLE_LOT, importer_entrants


class Command(BaseCommand):
    help = "Importe le fichier CSV des nouveaux entrants RSA (CAF ou MSA). --dry-run : aperçu sans rien écrire."

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Chemin du fichier CSV.")
        parser.add_argument("--dry-run", action="store_true", help="Aperçu : compte et liste les refus, n'écrit rien.")
        parser.add_argument("--taille-lot", type=int, default=TAILLE_LOT, help="Lignes par transaction (1000).")

    def handle(self, fichier, dry_run, taille_lot, **options):
        chemin = Path(fichier)
        if not chemin.is_file():
            raise CommandError(f"Fichier introuvable : {chemin}")
        with chemin.open("rb") as flux:
            empreinte, taille, nb_lignes = empreinte_et_lignes(flux)
            import_fichier = None
            if not dry_run:
                import_fichier = (
                    ImportFichier.objects.filter(
                        empreinte=empreinte, etat__in=[ImportFichier.Etat.EN_COURS, ImportFichier.Etat.ECHOUE]
                    )
                    .order_by("-created_at")
                    .first()
                )
                if import_fichier:
                    self.stdout.write(
                        f"Reprise de l'import n° {import_fichier.pk} après la ligne {import_fichier.derniere_ligne}."
                    )
                else:
                    import_fichier = ImportFichier.objects.create(
                        nom_fichier=chemin.name[:200],
                        empreinte=empreinte,
                        taille=taille,
                        nb_lignes=nb_lignes,
                        etat=ImportFichier.Etat.EN_COURS,
                    )
            try:
                bilan = importer_entrants(
                    flux,
                    import_fichier=import_fichier,
                    dry_run=dry_run,
                    taille_lot=taille_lot,
                    sur_refus=lambda refus: self.stderr.write(refus.message),
                    garder_refus=0,
                )
            except FichierInvalide as exc:
                if import_fichier:
                    ImportFichier.objects.filter(pk=import_fichier.pk).update(
                        etat=ImportFichier.Etat.ECHOUE, erreur=str(exc)
                    )
                raise CommandError(str(exc)) from None
            except BaseException:
                if import_fichier:
                    ImportFichier.objects.filter(pk=import_fichier.pk).update(etat=ImportFichier.Etat.ECHOUE)
                raise
        prefixe = "Aperçu (rien n'a été enregistré) : " if dry_run else "Import terminé : "
        self.stdout.write(
            prefixe + f"{bilan.crees} créée(s), {bilan.mis_a_jour} mise(s) à jour, {bilan.inchanges} inchangée(s), "
            f"{bilan.refuses} refusée(s), {bilan.parcours_ouverts} parcours ouvert(s)."
        )
