"""The background task that runs a confirmed import (TacheDeFond + django-tasks)."""

import io

from django.urls import reverse
from django_tasks import task

from pacte.models import ImportFichier
from pacte.taches import avancer, executer, terminer
from parcours.imports import etats
from parcours.imports.format import FichierInvalide
from parcours.imports.service import ERREUR_INATTENDUE, importer_fichier


@task()
def importer_entrants_tache(tache_id: int, import_id: int, jeton: str = "") -> dict:
    """Run the import whose lease the confirming view took (`jeton`): a task that lost it stops at once."""
    with executer(tache_id):
        import_fichier = ImportFichier.objects.select_related("utilisateur").get(pk=import_id)
        total = max(import_fichier.nb_lignes, 1)

        def progression(derniere_ligne):
            avancer(tache_id, 100 * derniere_ligne // total, f"Enregistrement {derniere_ligne} sur {total} traité.")

        try:
            bilan = importer_fichier(
                io.BytesIO(bytes(import_fichier.contenu)),
                import_fichier=import_fichier,
                jeton=jeton,
                par=import_fichier.utilisateur,
                progression=progression,
            )
        except etats.ExecutionRemplacee as exc:
            terminer(tache_id, message=str(exc))
            return {}
        except FichierInvalide:
            raise
        except Exception as exc:
            # The job's message is shown on the progress page: French, the technical detail in the chained cause.
            raise RuntimeError(ERREUR_INATTENDUE) from exc
        terminer(
            tache_id,
            message=(
                f"{bilan.crees} personne(s) créée(s), {bilan.mis_a_jour} mise(s) à jour, "
                f"{bilan.inchanges} inchangée(s), {bilan.refuses} ligne(s) refusée(s)."
            ),
            resultat={**bilan.compteurs, "url": reverse("imports:resume", args=[import_id])},
        )
        return bilan.compteurs
