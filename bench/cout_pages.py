"""Cost of one request of each page of bench/charge.py's mix, in process: SQL queries, CPU ms of the Django
process (the part that limits throughput when gunicorn and PostgreSQL share two cores) and wall ms.

CPU time, not wall time, is the figure to follow on a shared machine: it does not grow when other
processes take the cores. With --profil, the page whose label contains that text is profiled instead
(pyinstrument if installed, else cProfile) and --sql prints the queries of each page.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench python bench/cout_pages.py [--requetes 50]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
import _django  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requetes", type=int, default=50, help="Requêtes mesurées par page.")
    parser.add_argument("--profil", default="", help="Profiler la page dont le libellé contient ce texte.")
    parser.add_argument("--sql", action="store_true", help="Afficher les requêtes SQL de chaque page.")
    args = parser.parse_args()
    connection = _django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    from pacte.models import Role, User
    from parcours.models import Parcours

    # The first social worker of bench/charge.py's sample, and the parcours it opens.
    agent = User.objects.filter(role=Role.TRAVAILLEUR_SOCIAL).order_by("pk").first()
    fiches = list(Parcours.objects.visible_par(agent).ouverts().order_by("pk").values_list("pk", flat=True)[:40])
    pages = [
        ("accueil", lambda i: "/"),
        ("file active, page 3", lambda i: "/parcours/?page=3"),
        ("file active, recherche", lambda i: "/parcours/?q=mar"),
        ("fiche parcours", lambda i: f"/parcours/{fiches[i % len(fiches)]}/"),
        ("catalogue", lambda i: "/partenaires/catalogue/"),
    ]
    client = Client()
    client.force_login(agent)
    print(
        f"PostgreSQL {connection.pg_version // 10000}, agent {agent.pk}, {args.requetes} requêtes par page, "
        f"sonde CPU {_django.sonde_cpu():.0f} ms"
    )
    print(f"{'page':26} {'requêtes':>9} {'CPU ms p50':>11} {'CPU ms moy':>11} {'mur ms p50':>11}")
    with override_settings(DEBUG=False):
        for libelle, url in pages:
            if args.profil:
                if args.profil in libelle:
                    _profiler(client, url, args.requetes)
                continue
            _mesurer(client, libelle, url, args.requetes, connection, args.sql)


def _mesurer(client, libelle, url, nombre, connection, sql):
    from django.test.utils import CaptureQueriesContext

    for i in range(5):
        _verifier(client.get(url(i)), libelle)
    with CaptureQueriesContext(connection) as requetes:
        _verifier(client.get(url(0)), libelle)
    captees = list(requetes.captured_queries)
    cpu, mur = [], []
    for i in range(nombre):
        c0, t0 = time.process_time(), time.perf_counter()
        _verifier(client.get(url(i)), libelle)
        cpu.append((time.process_time() - c0) * 1000)
        mur.append((time.perf_counter() - t0) * 1000)
    print(
        f"{libelle:26} {len(captees):9d} {_django.percentile(cpu, 50):11.1f} {sum(cpu) / len(cpu):11.1f} "
        f"{_django.percentile(mur, 50):11.1f}"
    )
    if sql:
        for q in captees:
            print(f"    {q['time']:>6} {q['sql'][:220]}")


def _profiler(client, url, nombre):
    for i in range(5):
        client.get(url(i))
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats

        profil = cProfile.Profile()
        profil.enable()
        for i in range(nombre):
            client.get(url(i))
        profil.disable()
        pstats.Stats(profil).sort_stats("cumulative").print_stats(60)
        return
    profil = Profiler(interval=0.0005)
    profil.start()
    for i in range(nombre):
        client.get(url(i))
    profil.stop()
    print(profil.output_text(unicode=True, color=False, show_all=False))


def _verifier(response, libelle):
    if response.status_code != 200:
        sys.exit(f"{libelle} : statut {response.status_code}")


if __name__ == "__main__":
    main()
