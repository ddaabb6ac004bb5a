"""Shared set-up of the bench scripts: Django on the database given by DATABASE_URL (PostgreSQL)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pacte_bench"


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Les mesures se font sur PostgreSQL : définissez DATABASE_URL=postgres://...")
    return connection


def creer_base_si_absente(url: str | None = None):
    """Create the bench database (trust authentication on this machine) before Django connects to it."""
    import psycopg2
    from psycopg2 import sql

    url = url or os.environ.get("DATABASE_URL", DEFAULT_URL)
    import dj_database_url

    cfg = dj_database_url.parse(url)
    conn = psycopg2.connect(
        dbname="postgres", user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"] or 5432, password=cfg["PASSWORD"]
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if not cur.fetchone():
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))
    conn.close()


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def sonde_cpu() -> float:
    """Milliseconds for a fixed pure-Python loop (best of 3): this machine's CPU speed varies by up to 2× from
    one minute to the next (a shared virtual machine), so every benchmark prints it beside its figures."""
    import time

    meilleure = float("inf")
    for _ in range(3):
        debut = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        meilleure = min(meilleure, time.perf_counter() - debut)
    return meilleure * 1000
