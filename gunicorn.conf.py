"""gunicorn's settings, read by `gunicorn config.wsgi` started from the project directory (options given on the
command line or in GUNICORN_CMD_ARGS win over these).

The application is loaded once in the master process, which then imports every view and compiles the templates
(config/prechauffage.py) before it forks: each worker starts ready instead of spending its first seconds of CPU on
it, at every start and every recycling of a worker. A change of code needs a restart, not a HUP.
"""

import gc
import os

wsgi_app = "config.wsgi"
preload_app = True
# One process per core, two threads each: the CPU is the limit (templates and the ORM), so more processes only add
# switching between them, while a second thread overlaps a worker's waits on PostgreSQL. Measured with
# bench/charge.py on 2 cores: 2 × 2 gave 141-163 requests per second, 4 × 4 (gunicorn's usual advice) 123-135.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
worker_class = "gthread"
threads = int(os.environ.get("PACTE_THREADS", "2"))
# A worker is recycled after this many requests (memory kept in check), not all at the same time.
max_requests = 5000
max_requests_jitter = 500
# The heartbeat file of each worker in memory: a slow disk must not make the master kill a busy worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def when_ready(server):
    if not server.cfg.preload_app:
        return
    from config.prechauffage import prechauffer

    server.log.info("Préchauffage : %d gabarits compilés avant de lancer les workers", prechauffer())
    # What the master loaded lives as long as the workers: kept out of the cyclic garbage collector, which
    # otherwise walks these 120,000 objects again at each full collection in every worker (GC time per request
    # halved, 0.9 -> 0.45 ms, in bench/cout_pages.py's mix), and their memory pages stay shared after the fork.
    gc.collect()
    gc.freeze()
