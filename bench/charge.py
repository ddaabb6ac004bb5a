"""Throughput under load: the app behind gunicorn on 127.0.0.1, wrk sending a mixed read workload of
logged-in social workers (home page, their file active with pages and searches, parcours pages of their
MDD, the catalogue). Prints requests per second, p50/p95/p99 and errors at 50 and 200 concurrent users.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench python bench/charge.py [--duree 30]
Needs Debian's wrk (apt-get install wrk) and the data set of bench/seed_large.py. Traffic stays on loopback.
"""

import argparse
import os
import random
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
import _django  # noqa: E402

PORT = 8765
LUA = r"""
local pairs_ = {}
local counter = 0
local statuses = {}
init = function(args)
  for line in io.lines(args[1]) do
    local cookie, path = line:match("([^\t]+)\t([^\t]+)")
    table.insert(pairs_, {cookie, path})
  end
end
request = function()
  counter = counter + 1
  local p = pairs_[(counter % #pairs_) + 1]
  return wrk.format("GET", p[2], {["Cookie"] = "sessionid=" .. p[1], ["Host"] = "127.0.0.1"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULTAT %d %d %.2f %.2f %.2f %.2f %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout))
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duree", type=int, default=30, help="Secondes par palier.")
    parser.add_argument("--workers", type=int, help="Par défaut, celui de gunicorn.conf.py (un par cœur).")
    parser.add_argument("--threads", type=int, help="Par défaut, celui de gunicorn.conf.py (2).")
    parser.add_argument("--paliers", default="50,200")
    parser.add_argument(
        "--prechauffage",
        type=int,
        default=4,
        help="Secondes de charge non mesurées d'abord : chaque worker charge ses gabarits et ses modules.",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk est absent : apt-get install -y wrk")
    connection = _django.setup()
    lignes = _sessions_et_chemins(random.Random(87))

    with tempfile.TemporaryDirectory() as tmp:
        requetes = Path(tmp) / "requetes.tsv"
        requetes.write_text("\n".join(f"{c}\t{p}" for c, p in lignes) + "\n", encoding="utf-8")
        script = Path(tmp) / "charge.lua"
        script.write_text(LUA, encoding="utf-8")
        # gunicorn reads gunicorn.conf.py from the project directory (preloading, workers and threads per core):
        # the benchmark measures the production settings unless told otherwise.
        options = ["--workers", str(args.workers)] if args.workers else []
        options += ["--threads", str(args.threads)] if args.threads else []
        serveur = subprocess.Popen(
            [
                str(_django.ROOT / ".venv" / "bin" / "gunicorn"),
                "config.wsgi",
                "-b",
                f"127.0.0.1:{PORT}",
                *options,
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=_django.ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
            start_new_session=True,
        )
        reglages = runpy.run_path(str(_django.ROOT / "gunicorn.conf.py"))
        workers, threads = args.workers or reglages["workers"], args.threads or reglages["threads"]
        try:
            _attendre_serveur()
            print(
                f"gunicorn gthread {workers} workers × {threads} threads, PostgreSQL "
                f"{connection.pg_version // 10000}, {os.cpu_count()} cœurs, {len(lignes)} requêtes distinctes, "
                f"{args.duree} s par palier après {args.prechauffage} s de préchauffage, "
                f"sonde CPU {_django.sonde_cpu():.0f} ms"
            )
            print(
                f"{'utilisateurs':>12} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
                f"{'non-2xx':>8} {'erreurs':>8}"
            )
            # A cold worker spends its first seconds compiling templates and importing views (several seconds of
            # CPU for four workers on this machine): without this, a short run measures the start-up.
            if args.prechauffage:
                _wrk(script, requetes, 20, args.prechauffage)
            for palier in [int(p) for p in args.paliers.split(",")]:
                sortie = _wrk(script, requetes, palier, args.duree)
                ligne = next(x for x in sortie.splitlines() if x.startswith("RESULTAT"))
                n, duree_us, p50, p95, p99, pmax, non2xx, erreurs, timeouts = ligne.split()[1:]
                rps = int(n) / (int(duree_us) / 1e6)
                print(
                    f"{palier:>12} {rps:8.1f} {float(p50):8.1f} {float(p95):8.1f} {float(p99):8.1f} "
                    f"{float(pmax):8.1f} {non2xx:>8} {int(erreurs) + int(timeouts):>8}"
                )
        finally:
            os.killpg(serveur.pid, signal.SIGTERM)
            serveur.wait(timeout=30)


def _wrk(script, requetes, connexions, duree):
    return subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connexions}",
            f"-d{duree}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}/",
            "--",
            str(requetes),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _sessions_et_chemins(rng):
    """50 social workers of several MDD, each with a real session and the pages of its own scope."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from pacte.models import Role, User
    from parcours.models import Parcours

    agents = list(User.objects.filter(role=Role.TRAVAILLEUR_SOCIAL).order_by("pk")[::9][:50])
    lignes = []
    for agent in agents:
        session = SessionStore()
        session[SESSION_KEY] = str(agent.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = agent.get_session_auth_hash()
        session.set_expiry(3600 * 4)
        session.save()
        fiches = list(Parcours.objects.visible_par(agent).ouverts().values_list("pk", flat=True)[:40])
        for _ in range(40):
            tirage = rng.random()
            if tirage < 0.25:
                chemin = "/"
            elif tirage < 0.55:
                chemin = f"/parcours/?page={rng.randrange(1, 8)}" if rng.random() < 0.7 else "/parcours/?q=mar"
            elif tirage < 0.9 and fiches:
                chemin = f"/parcours/{rng.choice(fiches)}/"
            else:
                chemin = "/partenaires/catalogue/"
            lignes.append((session.session_key, chemin))
    rng.shuffle(lignes)
    return lignes


def _attendre_serveur():
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/connexion/", timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    sys.exit("gunicorn n'a pas démarré")


if __name__ == "__main__":
    main()
