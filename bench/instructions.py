"""Machine instructions of the Django process per request of bench/charge.py's mix, counted by valgrind (callgrind).

The throughput and the latencies of this machine move by up to 2x from one minute to the next (a shared virtual
machine: see the CPU probe printed by the other benchmarks). An instruction count does not: the same code on the
same data gives the same figure to a fraction of a percent, so two versions of the code can be compared on any day.
It counts the Django side only (views, templates, ORM, middleware), not PostgreSQL nor gunicorn.

The mix: 10 social workers of several MDD, 25 % home page, 30 % file active (pages and a search), 35 % parcours pages
of their MDD, 10 % catalogue, through Django's test client. It runs twice under callgrind, with the warm-up only and
with the warm-up plus the measured requests: the difference, divided by their number, is the figure.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench python bench/instructions.py [--requetes 100]
Needs Debian's valgrind and the data set of bench/seed_large.py (about 2 minutes for 100 requests).
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

ECHAUFFEMENT = 60


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requetes", type=int, default=100, help="Requêtes mesurées.")
    parser.add_argument("--executer", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.executer is not None:
        _executer(args.executer)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind est absent : apt-get install -y valgrind")
    comptes = [_compter(n) for n in (0, args.requetes)]
    par_requete = (comptes[1] - comptes[0]) / args.requetes
    print(
        f"{args.requetes} requêtes du mélange de bench/charge.py (après {ECHAUFFEMENT} requêtes d'échauffement) : "
        f"{par_requete / 1e6:.1f} millions d'instructions par requête dans le processus Django"
    )


def _compter(requetes: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        sortie = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/callgrind.out",
                sys.executable,
                __file__,
                "--executer",
                str(requetes),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
    return int(re.search(r"Collected\s*:\s*(\d+)", sortie).group(1))


def _executer(requetes: int) -> None:
    import _django

    _django.setup()
    from django.test import Client

    from pacte.models import Role, User
    from parcours.models import Parcours

    rng = random.Random(87)
    clients = []
    for agent in User.objects.filter(role=Role.TRAVAILLEUR_SOCIAL).order_by("pk")[::9][:10]:
        client = Client()
        client.force_login(agent)
        fiches = list(Parcours.objects.visible_par(agent).ouverts().order_by("pk").values_list("pk", flat=True)[:40])
        clients.append((client, fiches))
    for i in range(ECHAUFFEMENT + requetes):
        client, fiches = clients[i % len(clients)]
        tirage = rng.random()
        if tirage < 0.25:
            chemin = "/"
        elif tirage < 0.55:
            chemin = f"/parcours/?page={rng.randrange(1, 8)}" if rng.random() < 0.7 else "/parcours/?q=mar"
        elif tirage < 0.9:
            chemin = f"/parcours/{rng.choice(fiches)}/"
        else:
            chemin = "/partenaires/catalogue/"
        statut = client.get(chemin).status_code
        if statut != 200:
            sys.exit(f"{chemin} : statut {statut}")


if __name__ == "__main__":
    main()
