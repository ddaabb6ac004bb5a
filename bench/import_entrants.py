"""Benchmark of the import of new entrants: lines per second and peak memory, 10k vs 100k lines.

Usage (on a database of its own, it empties the beneficiaries and parcours tables):

    createdb pacte_bench_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench_import .venv/bin/python bench/import_entrants.py

Each measure runs in a fresh child process: an import of 10,000 then 100,000 new people (the slow case:
every line creates a person, its parcours and both history rows), then the same 100,000-line file again
(the idempotent case: nothing changes). It prints lines/s, the peak of Python allocations (tracemalloc, in
a run of its own since tracing slows Python down) and the peak resident memory (getrusage).
Target: 100,000 lines in under 60 s on PostgreSQL, memory flat in the file size.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
NOMS = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU"]
PRENOMS = ["Claire", "Paul", "Hélène", "Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Zoé"]


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def preparer_base():
    """Migrate, make sure there are communes of the département, and empty the imported tables."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from pacte.models import MDD, Commune, ImportFichier, Pacte, Territoire, TransitionImport
    from parcours.models import Beneficiaire, Parcours

    if not Pacte.objects.exists():
        import datetime

        Pacte.objects.create(
            departement_code="87",
            departement_nom="Haute-Vienne",
            nom="Pacte de banc d'essai",
            date_debut=datetime.date(2022, 1, 1),
            date_fin=datetime.date(2025, 12, 31),
        )
    if Commune.objects.count() < 20:
        territoire, _ = Territoire.objects.get_or_create(code="BENCH", defaults={"nom": "Banc d'essai"})
        for i in range(5):
            mdd, _ = MDD.objects.get_or_create(
                code=f"BENCH{i}", defaults={"nom": f"MDD banc {i}", "territoire": territoire}
            )
            for j in range(10):
                code = f"87{900 + i * 10 + j:03d}"
                Commune.objects.get_or_create(
                    code_insee=code, defaults={"nom": f"Commune {code}", "mdd": mdd, "milieu": "rural"}
                )
    tables = [
        Parcours._meta.db_table,
        Parcours.history.model._meta.db_table,
        Beneficiaire._meta.db_table,
        Beneficiaire.history.model._meta.db_table,
        TransitionImport._meta.db_table,
        ImportFichier._meta.db_table,
    ]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")
    else:
        modeles = (
            Parcours.history.model,
            Parcours,
            Beneficiaire.history.model,
            Beneficiaire,
            TransitionImport,
            ImportFichier,
        )
        for model in modeles:
            model._base_manager.all()._raw_delete(model._base_manager.db)
    return list(Commune.objects.values_list("code_insee", flat=True))


def generer(chemin: Path, nb_lignes: int, debut: int, communes: list[str]):
    rng = random.Random(debut)
    with chemin.open("w", encoding="utf-8", newline="") as f:
        f.write("ORGANISME;NUMDEMRSA;NOMNAI;PRENOM;DTNAI;CODE_INSEE;DTOUVDRT;QUALITE;SEXE\n")
        for i in range(nb_lignes):
            numero = 1000000 + debut + i
            f.write(
                f"CAF;{numero};{rng.choice(NOMS)};{rng.choice(PRENOMS)};"
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1960, 2004)};"
                f"{rng.choice(communes)};{rng.randint(1, 28):02d}/{rng.randint(1, 9):02d}/2025;DEM;{rng.choice('FM')}\n"
            )


def cpu_serveur(connection) -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine only), else None.

    With the Python process's own CPU time, it tells the import's cost apart from the machine's load.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        champs = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")


def cpu_lisible(r: dict) -> str:
    base = f", {r['cpu_base_s']} s CPU PostgreSQL" if r.get("cpu_base_s") is not None else ""
    return f"{r['duree_s']} s ({r['cpu_s']} s CPU Python{base})"


def mesurer(chemin: str, tracer: bool) -> dict:
    """Child process: import the file as the management command does, print the figures as JSON."""
    import resource
    import tracemalloc

    django_setup()
    from django.db import connection

    from parcours.imports import etats
    from parcours.imports.lecture import empreinte_et_lignes
    from parcours.imports.service import importer_entrants

    if tracer:
        tracemalloc.start()
    base_avant = cpu_serveur(connection)
    debut, debut_cpu = time.perf_counter(), time.process_time()
    with open(chemin, "rb") as flux:
        empreinte, taille, nb_lignes = empreinte_et_lignes(flux)
        import_fichier = etats.creer(
            nom_fichier=Path(chemin).name, empreinte=empreinte, taille=taille, nb_lignes=nb_lignes
        )
        bilan = importer_entrants(flux, import_fichier=import_fichier, garder_refus=0)
    duree, cpu = time.perf_counter() - debut, time.process_time() - debut_cpu
    base_apres = cpu_serveur(connection)
    pic = tracemalloc.get_traced_memory()[1] if tracer else None
    return {
        "lignes": nb_lignes,
        "duree_s": round(duree, 2),
        "cpu_s": round(cpu, 2),
        "cpu_base_s": round(base_apres - base_avant, 2) if base_avant is not None else None,
        "lignes_par_s": round(nb_lignes / duree),
        "pic_tracemalloc_mo": round(pic / 1024 / 1024, 1) if pic is not None else None,
        "pic_rss_mo": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "compteurs": bilan.compteurs,
        "base": f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}".strip(),
    }


def enfant(chemin: Path, tracer: bool) -> dict:
    commande = [sys.executable, __file__, "--mesurer", str(chemin)] + (["--tracer"] if tracer else [])
    sortie = subprocess.run(commande, check=True, capture_output=True, text=True, cwd=BASE_DIR).stdout
    return json.loads(sortie.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mesurer")
    parser.add_argument("--tracer", action="store_true")
    parser.add_argument("--grand", type=int, default=100_000)
    parser.add_argument("--petit", type=int, default=10_000)
    args = parser.parse_args()
    if args.mesurer:
        print(json.dumps(mesurer(args.mesurer, args.tracer)))
        return
    django_setup()
    from django.db import connection

    communes = preparer_base()
    connection.close()
    with tempfile.TemporaryDirectory() as dossier:
        petit, grand, grand_bis = Path(dossier, "petit.csv"), Path(dossier, "grand.csv"), Path(dossier, "grand_bis.csv")
        generer(petit, args.petit, 0, communes)
        generer(grand, args.grand, 2_000_000, communes)
        generer(grand_bis, args.grand, 5_000_000, communes)
        resultats = {
            f"{args.petit} lignes (création), tracemalloc": enfant(petit, tracer=True),
            f"{args.grand} lignes (création), tracemalloc": enfant(grand_bis, tracer=True),
            f"{args.grand} lignes (création), chronométré": enfant(grand, tracer=False),
            f"{args.grand} lignes (même fichier réimporté : rien ne change)": enfant(grand, tracer=False),
        }
    print(f"Base : {next(iter(resultats.values()))['base']}")
    for nom, r in resultats.items():
        memoire = f"pic tracemalloc {r['pic_tracemalloc_mo']} Mo, " if r["pic_tracemalloc_mo"] is not None else ""
        print(
            f"{nom} : {cpu_lisible(r)}, {r['lignes_par_s']} lignes/s, {memoire}pic RSS {r['pic_rss_mo']} Mo, "
            f"{r['compteurs']}"
        )
    petit_pic = resultats[f"{args.petit} lignes (création), tracemalloc"]["pic_tracemalloc_mo"]
    grand_pic = resultats[f"{args.grand} lignes (création), tracemalloc"]["pic_tracemalloc_mo"]
    print(f"Mémoire : pic Python {petit_pic} Mo pour {args.petit} lignes, {grand_pic} Mo pour {args.grand} lignes.")
    duree = resultats[f"{args.grand} lignes (création), chronométré"]["duree_s"]
    print(f"Objectif {args.grand} lignes en moins de 60 s : {'atteint' if duree < 60 else 'NON atteint'} ({duree} s).")


if __name__ == "__main__":
    main()
