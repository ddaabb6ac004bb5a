"""Page latency on the large data set (bench/seed_large.py): p50 and p95 over N requests per page,
each also as a ratio to an empty Django view measured in the same run, with the SQL query count.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench python bench/pages.py [--requetes 200]
Targets: p95 <= 150 ms for lists and pages, <= 500 ms for the dashboard of a whole year.
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

# Each request computes the figures; fewer requests, as each takes about a second.
SANS_CACHE = {"settings": {"PACTE_FRAICHEUR_INDICATEURS": 0}, "requetes": 30}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requetes", type=int, default=200)
    parser.add_argument(
        "--pages",
        default="",
        help="ne mesurer que les pages dont le libellé contient l'un de ces textes (séparés par des virgules)",
    )
    args = parser.parse_args()
    connection = _django.setup()
    from django.core.cache import caches
    from django.db import connection as conn
    from django.test.utils import override_settings

    from pacte.models import Role, Thematique, User
    from parcours.models import Beneficiaire, Parcours

    if Beneficiaire.objects.count() < 100_000:
        sys.exit("Lancez d'abord bench/seed_large.py : la base de mesure est vide ou trop petite.")

    travailleur = User.objects.filter(role=Role.TRAVAILLEUR_SOCIAL, mdds__code="LIM-CARMES").order_by("pk").first()
    referent = User.objects.filter(role=Role.REFERENT_THEMATIQUE).order_by("pk").first()
    if not referent.thematiques.exists():
        referent.thematiques.set(Thematique.objects.filter(numero__in=(1, 4)))
    admin = User.objects.filter(role=Role.ADMINISTRATEUR).order_by("pk").first()
    fiches = list(
        Parcours.objects.visible_par(travailleur).ouverts().order_by("pk").values_list("pk", flat=True)[: args.requetes]
    )
    suivis = Parcours.objects.visible_par(travailleur).ouverts().count()

    pages = [
        ("vue vide (référence)", None, lambda i: "/__vide__/"),
        (
            "file active : recherche + filtres",
            travailleur,
            lambda i: "/parcours/?q=mar&orientation=professionnelle&tri=nom",
        ),
        ("file active : page 3, tri par entrée", travailleur, lambda i: "/parcours/?page=3&tri=-entree"),
        ("fiche parcours", travailleur, lambda i: f"/parcours/{fiches[i % len(fiches)]}/"),
        ("catalogue des actions", travailleur, lambda i: "/partenaires/catalogue/?q=emploi"),
        ("mes actions (référent thématique)", referent, lambda i: "/partenaires/actions/"),
        ("tableau de bord, année entière", admin, lambda i: "/evaluation/?annee=2025"),
        # The same page when its figures are not in the cache (first visit, or after «Recalculer»).
        ("tableau de bord, calcul sans cache", admin, lambda i: "/evaluation/?annee=2025", SANS_CACHE),
    ]
    print(
        f"PostgreSQL {connection.pg_version // 10000}, {os.cpu_count()} cœurs ; "
        f"{Beneficiaire.objects.count():,} bénéficiaires, file active mesurée : {suivis:,} parcours ouverts ; "
        f"{args.requetes} requêtes par page ; sonde CPU {_django.sonde_cpu():.0f} ms".replace(",", " ")
    )
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'×vide p50':>10} {'×vide p95':>10} {'requêtes':>9} {'fois':>6}")
    reference = None
    with override_settings(ROOT_URLCONF="_urls", DEBUG=False):
        for libelle, user, url, *options in pages:
            if user is not None and args.pages and not any(t in libelle for t in args.pages.split(",")):
                continue
            options = options[0] if options else {}
            # Each line starts with no figure kept: the first request computes, as a first visit would.
            caches["indicateurs"].clear()
            with override_settings(**options.get("settings", {})):
                nombre = min(args.requetes, options.get("requetes", args.requetes))
                reference = _mesurer(client_pour(user), libelle, url, nombre, reference, conn)


def client_pour(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _mesurer(client, libelle, url, nombre, reference, conn):
    """Print one page's line; return the reference (the empty view's p50 and p95, measured first)."""
    from django.test.utils import CaptureQueriesContext

    for i in range(5):
        _verifier(client.get(url(i)), libelle)
    with CaptureQueriesContext(conn) as requetes:
        client.get(url(0))
    # captured_queries slices connection.queries_log lazily, and every later request resets that log
    # (request_started -> reset_queries): count now, not after the timed loop.
    nb_requetes = len(requetes.captured_queries)
    durees = []
    for i in range(nombre):
        t0 = time.perf_counter()
        response = client.get(url(i))
        durees.append((time.perf_counter() - t0) * 1000)
        _verifier(response, libelle)
    p50, p95 = _django.percentile(durees, 50), _django.percentile(durees, 95)
    reference = reference or (p50, p95)
    print(
        f"{libelle:40} {p50:8.1f} {p95:8.1f} {p50 / reference[0]:10.1f} {p95 / reference[1]:10.1f} "
        f"{nb_requetes:9d} {nombre:>6}"
    )
    return reference


def _verifier(response, libelle):
    if response.status_code != 200:
        sys.exit(f"{libelle} : statut {response.status_code}")


if __name__ == "__main__":
    main()
