"""A task for the two-workers test: each run leaves one row, so a job run twice would show twice."""

import time

from django_tasks import task

from pacte.models import TacheDeFond


@task()
def enregistrer_passage(numero: int) -> int:
    time.sleep(0.05)  # long enough for the two workers to compete for the queue
    TacheDeFond.objects.create(nature="preuve_worker", libelle=str(numero), etat=TacheDeFond.Etat.TERMINEE)
    return numero
