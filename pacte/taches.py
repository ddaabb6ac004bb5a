"""Background jobs the user can watch: create, advance, finish, fail.

How to run a long job with a progress bar (imports, PDF, large exports):

1. Write the work as a Django task whose first argument is the TacheDeFond id::

       from django_tasks import task
       from pacte.taches import avancer, executer

       @task()
       def exporter_bilan(tache_id, bilan_id):
           with executer(tache_id) as tache:          # en_cours; echouee with a message on error
               for i, morceau in enumerate(morceaux):
                   ...
                   avancer(tache_id, 100 * i // total, "Page 3 sur 12")
               terminer(tache_id, fichier=contenu, fichier_nom="bilan.pdf",
                        fichier_type="application/pdf", resultat={"url": "/evaluation/..."})

2. In the view: ``tache = creer_tache(nature="export_bilan", libelle="Bilan 2025 en PDF",
   utilisateur=request.user)`` then ``lancer(tache, exporter_bilan, bilan.pk)`` and redirect to
   ``reverse("tache", args=[tache.pk])`` (or include the partial below in your own page).

3. The page ``tache`` (pacte.views.taches) shows the state; the partial
   ``pacte/includes/tache_progression.html`` (context: ``tache``) polls itself every second with
   htmx while the job runs and stops when it is finished; without JavaScript, a link reloads the
   page. When done it offers the file (``tache_fichier``) and/or the ``resultat["url"]`` link.

Tasks run immediately in tests and development (ImmediateBackend) and through the database in
production (django_tasks_db), where ``python manage.py db_worker`` runs them; several workers may
share the database, each job being claimed by one worker only.
"""

import contextlib
import logging

from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from pacte.models import TacheDeFond

logger = logging.getLogger(__name__)

# What the user reads when a job fails for a reason not meant for them (the exception goes to the log).
MESSAGE_ECHEC = (
    "La tâche s'est interrompue à la suite d'une erreur technique. Réessayez ; si l'erreur persiste, "
    "signalez-la à l'administrateur en indiquant le numéro de la tâche."
)


def creer_tache(*, nature: str, libelle: str, utilisateur=None) -> TacheDeFond:
    return TacheDeFond.objects.create(nature=nature, libelle=libelle[:200], utilisateur=utilisateur)


def lancer(tache: TacheDeFond, task, *args, **kwargs):
    """Enqueue `task(tache.pk, *args, **kwargs)` and remember its result id."""
    result = task.enqueue(tache.pk, *args, **kwargs)
    TacheDeFond.objects.filter(pk=tache.pk).update(task_result_id=str(result.id))
    tache.refresh_from_db()
    return result


def avancer(tache_id: int, progression: int, message: str = "") -> None:
    """Record progress (0-100, never going back) without touching the rest of the row."""
    progression = max(0, min(100, int(progression)))
    TacheDeFond.objects.filter(pk=tache_id).update(
        etat=TacheDeFond.Etat.EN_COURS,
        progression=Least(Greatest(F("progression"), progression), 100),
        message=message[:500],
        updated_at=timezone.now(),
    )


def terminer(tache_id: int, *, message="Terminé.", resultat=None, fichier=None, fichier_nom="", fichier_type=""):
    champs = {
        "etat": TacheDeFond.Etat.TERMINEE,
        "progression": 100,
        "message": message[:500],
        "updated_at": timezone.now(),
    }
    if resultat is not None:
        champs["resultat"] = resultat
    if fichier is not None:
        champs.update(fichier=bytes(fichier), fichier_nom=fichier_nom[:200], fichier_type=fichier_type[:100])
    TacheDeFond.objects.filter(pk=tache_id).update(**champs)


def echouer(tache_id: int, message: str) -> None:
    TacheDeFond.objects.filter(pk=tache_id).update(
        etat=TacheDeFond.Etat.ECHOUEE, message=message[:500], updated_at=timezone.now()
    )


@contextlib.contextmanager
def executer(tache_id: int):
    """Mark the job running; on an exception, mark it failed and re-raise.

    The user reads a French message: the rule's own text for a ValidationError (our business errors are written
    for users), a generic sentence otherwise; an exception's text may be English or carry internals, so it goes to
    the log only, with the job's id."""
    TacheDeFond.objects.filter(pk=tache_id).update(etat=TacheDeFond.Etat.EN_COURS, updated_at=timezone.now())
    try:
        yield TacheDeFond.objects.get(pk=tache_id)
    except ValidationError as erreur:
        logger.warning("Tâche de fond %s refusée : %s", tache_id, erreur.messages)
        echouer(tache_id, "La tâche s'est interrompue : " + " ".join(erreur.messages))
        raise
    except Exception:
        logger.exception("Tâche de fond %s interrompue", tache_id)
        echouer(tache_id, MESSAGE_ECHEC)
        raise
    else:
        # A job that forgot to call terminer() is still finished once its body has run.
        TacheDeFond.objects.filter(pk=tache_id, etat=TacheDeFond.Etat.EN_COURS).update(
            etat=TacheDeFond.Etat.TERMINEE, progression=100, updated_at=timezone.now()
        )
