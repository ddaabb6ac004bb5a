"""The background task that runs a confirmed import (TacheDeFond + django-tasks)."""

import io

from django.urls import reverse
from django_tasks import task

from pacte.models import ImportFichier
from pacte.taches import avancer, executer, terminer
from parcours.imports.format import FichierInvalide
from parcours.imports.service import importer_entrants


@task()
def importer_entrants_tache(tache_id: int, import_id: int) -> dict:
    with executer(tache_id):
        import_fichier = ImportFichier.objects.select_related("utilisateur").get(pk=import_id)
        total = max(import_fichier.nb_lignes, 1)

        def progression(derniere_ligne):
            avancer(tache_id, 100 * (derniere_ligne - 1) // total, f"Ligne {derniere_ligne} sur {total + 1} traitée.")

        try:
            bilan = importer_entrants(
                io.BytesIO(bytes(import_fichier.contenu)),
                import_fichier=import_fichier,
                par=import_fichier.utilisateur,
                progression=progression,
            )
        except Exception as exc:
            message = str(exc) if isinstance(exc, FichierInvalide) else f"Erreur inattendue : {exc}"
            ImportFichier.objects.filter(pk=import_id).update(etat=ImportFichier.Etat.ECHOUE, erreur=message[:2000])
            raise
        terminer(
            tache_id,
            message=(
                f"{bilan.crees} personne(s) créée(s), {bilan.mis_a_jour} mise(s) à jour, "
                f"{bilan.inchanges} inchangée(s), {bilan.refuses} ligne(s) refusée(s)."
            ),
            resultat={**bilan.compteurs, "url": reverse("imports:resume", args=[import_id])},
        )
        return bilan.compteurs
