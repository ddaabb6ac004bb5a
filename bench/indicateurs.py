"""Time the indicator engine, the dashboard content and the PDF on the current database.

    .venv/bin/python bench/indicateurs.py            # after `make db` (demo data, SQLite)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench .venv/bin/python bench/indicateurs.py --repetitions 3
Prints the time of each step (median of the repetitions) and the number of SQL queries.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPETITIONS = 5


def mesurer(libelle, fonction, repetitions=None):
    durees = []
    for _ in range(min(repetitions or REPETITIONS, REPETITIONS)):
        with CaptureQueriesContext(connection) as requetes:
            debut = time.perf_counter()
            fonction()
            durees.append(time.perf_counter() - debut)
    print(f"{libelle:62} médiane {statistics.median(durees) * 1000:8.1f} ms  ({len(requetes)} requêtes)")


def main():
    import argparse

    global REPETITIONS
    parser = argparse.ArgumentParser()
    parser.add_argument("--annee", type=int, default=datetime.date.today().year - 1)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    REPETITIONS = args.repetitions
    from evaluation.comites import pdf_du_comite, rapport
    from evaluation.indicateurs import Filtres, calculer_indicateurs, ventiler, ventiler_tout
    from evaluation.models import BilanAnnuel, ComitePilotage
    from evaluation.pdf import pdf_du_bilan, rendre_pdf
    from evaluation.services import calculer_chiffres
    from evaluation.tableau import contenu_tableau_de_bord, lignes_comparees
    from pacte.models import MDD, Thematique
    from parcours.models import Parcours

    annee = args.annee
    debut, fin = datetime.date(annee, 1, 1), datetime.date(annee, 12, 31)
    print(f"Base : {connection.vendor}, {Parcours.objects.count()} parcours ; période {annee}.")
    mesurer("calculer_indicateurs (sans filtre)", lambda: calculer_indicateurs(debut, fin))
    mdd = MDD.objects.order_by("pk").first()
    thematique = Thematique.objects.order_by("pk").first()
    mesurer("calculer_indicateurs (filtre MDD)", lambda: calculer_indicateurs(debut, fin, Filtres(mdd=mdd.pk)))
    mesurer(
        "calculer_indicateurs (filtre thématique)",
        lambda: calculer_indicateurs(debut, fin, Filtres(thematique=thematique.pk)),
    )
    mesurer("ventiler par MDD", lambda: ventiler(debut, fin, "mdd"))
    mesurer("ventiler par thématique", lambda: ventiler(debut, fin, "thematique"))
    mesurer("les trois ventilations (ventiler_tout)", lambda: ventiler_tout(debut, fin))
    mesurer(
        "contenu du tableau de bord (année + année précédente)", lambda: contenu_tableau_de_bord(debut, fin, Filtres())
    )
    mesurer("chiffres figés d'un bilan (indicateurs + 3 ventilations)", lambda: calculer_chiffres(annee))
    groupes = lignes_comparees(calculer_indicateurs(debut, fin), {})
    mesurer(
        "PDF des indicateurs (WeasyPrint)",
        lambda: rendre_pdf("evaluation/pdf/indicateurs.html", {"groupes": groupes, "debut": debut, "fin": fin}),
        repetitions=3,
    )
    bilan = BilanAnnuel.objects.filter(etat="approuve").order_by("-annee").first()
    if bilan:
        mesurer(
            "PDF d'un bilan annuel (WeasyPrint, à l'approbation)",
            lambda: pdf_du_bilan(bilan, bilan.instantane, bilan.date_deliberation, bilan.numero_deliberation),
            repetitions=3,
        )
    comite = ComitePilotage.objects.order_by("-date").first()
    if comite:
        mesurer("rapport de COPIL (HTML, données)", lambda: rapport(comite.periode_debut, comite.periode_fin))
        mesurer("rapport de COPIL en PDF (WeasyPrint)", lambda: pdf_du_comite(comite), repetitions=3)


if __name__ == "__main__":
    main()
