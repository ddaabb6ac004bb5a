"""python manage.py importer_entrants <fichier> [--dry-run]: import the CAF/MSA flow, CSV or XML.

The CSV format is described in parcours.imports.format (and on the page « Format du fichier »), the XML
subset in parcours.imports.xml_cnaf and the README. An interrupted import of the same file (same SHA-256)
resumes after its last committed record; a file being imported by the page or another command is refused.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pacte.models import ImportFichier
from parcours.imports import etats
from parcours.imports.format import FichierInvalide
from parcours.imports.lecture import empreinte_et_lignes
from parcours.imports.service import TAILLE_LOT, importer_fichier, nature_du_fichier, verifier_fichier


class Command(BaseCommand):
    help = (
        "Importe le flux des bénéficiaires RSA de la CAF ou de la MSA (fichier CSV des entrants ou flux XML). "
        "--dry-run : aperçu sans rien écrire."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Chemin du fichier CSV ou XML.")
        parser.add_argument("--dry-run", action="store_true", help="Aperçu : compte et liste les refus, n'écrit rien.")
        parser.add_argument("--taille-lot", type=int, default=TAILLE_LOT, help="Enregistrements par transaction.")

    def handle(self, fichier, dry_run, taille_lot, **options):
        chemin = Path(fichier)
        if not chemin.is_file():
            raise CommandError(f"Fichier introuvable : {chemin}")
        with chemin.open("rb") as flux:
            import_fichier = None
            try:
                verifier_fichier(flux)
                import_fichier = None if dry_run else self._import_du_fichier(flux, chemin)
                bilan = importer_fichier(
                    flux,
                    import_fichier=import_fichier,
                    dry_run=dry_run,
                    taille_lot=taille_lot,
                    sur_refus=lambda refus: self.stderr.write(refus.message),
                    garder_refus=0,
                )
            except (FichierInvalide, etats.TransitionRefusee, etats.ExecutionRemplacee) as exc:
                if import_fichier is not None and import_fichier.etat == etats.E.APERCU:
                    # Created by this run, which never started (the file is being imported elsewhere).
                    import_fichier.delete()
                raise CommandError(str(exc)) from None
        prefixe = "Aperçu (rien n'a été enregistré) : " if dry_run else "Import terminé : "
        self.stdout.write(
            prefixe + f"{bilan.crees} créée(s), {bilan.mis_a_jour} mise(s) à jour, {bilan.inchanges} inchangée(s), "
            f"{bilan.refuses} refusée(s), {bilan.ignores} ignorée(s), {bilan.parcours_ouverts} parcours ouvert(s), "
            f"{bilan.droits_changes} état(s) de droit changé(s)."
        )

    def _import_du_fichier(self, flux, chemin) -> ImportFichier:
        """The interrupted import of this file to resume, or a new one."""
        empreinte, taille, nb_lignes = empreinte_et_lignes(flux)
        import_fichier = (
            ImportFichier.objects.filter(empreinte=empreinte, etat__in=[etats.E.EN_COURS, etats.E.ECHOUE])
            .order_by("-created_at")
            .first()
        )
        if import_fichier:
            self.stdout.write(
                f"Reprise de l'import n° {import_fichier.pk} après l'enregistrement {import_fichier.derniere_ligne}."
            )
            return import_fichier
        return etats.creer(
            nom_fichier=chemin.name[:200],
            empreinte=empreinte,
            taille=taille,
            nb_lignes=nb_lignes,
            nature=nature_du_fichier(flux),
        )
