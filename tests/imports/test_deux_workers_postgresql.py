"""Two db_worker processes sharing the PostgreSQL database never run a job twice."""

import os
import subprocess
import sys
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection

from pacte.models import TacheDeFond
from tests.imports.taches_pour_workers import enregistrer_passage

NB_TACHES = 60


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_deux_workers_sur_la_meme_base_n_executent_jamais_une_tache_deux_fois(settings_tasks_db):
    from django_tasks_db.models import DBTaskResult

    for numero in range(NB_TACHES):
        enregistrer_passage.enqueue(numero)
    assert DBTaskResult.objects.count() == NB_TACHES

    base = connection.settings_dict
    url = f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{base['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": url,
        "TASKS_DATABASE": "1",
        "PYTHONWARNINGS": "ignore",
    }
    if base.get("PASSWORD"):
        env["PGPASSWORD"] = base["PASSWORD"]
    commande = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0.01"]
    workers = [
        subprocess.Popen(commande + ["--worker-id", f"worker{i}"], cwd=settings.BASE_DIR, env=env) for i in (1, 2)
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0

    passages = Counter(TacheDeFond.objects.filter(nature="preuve_worker").values_list("libelle", flat=True))
    assert passages == Counter({str(n): 1 for n in range(NB_TACHES)})
    resultats = DBTaskResult.objects.all()
    assert {r.status for r in resultats} == {"SUCCESSFUL"}
    # Both workers took part: the test does prove concurrent claiming, not one worker doing everything.
    assert {tuple(r.worker_ids) for r in resultats} == {("worker1",), ("worker2",)}


@pytest.fixture
def settings_tasks_db(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
