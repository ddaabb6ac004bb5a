"""Benchmark of courriers: a bulk invitation of N people (default 10,000) as its background task, then one merged
PDF of 1,000 letters; prints the throughput, the times and the peak resident memory.

Usage (a database of its own: it adds people, parcours, invitations and messages):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_courriers_bench .venv/bin/python bench/courriers.py
"""

import argparse
import datetime
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._django import creer_base_si_absente, setup, sonde_cpu  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pacte_courriers_bench")


def rss_mo() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def preparer(nombre):
    from django.core.management import call_command

    from courriers.models import Consentement
    from pacte.models import MDD, User
    from parcours.faits import recopier_noms
    from parcours.models import Beneficiaire, Parcours

    call_command("migrate", verbosity=0)
    call_command("charger_referentiel", "referentiel/haute-vienne.yaml", verbosity=0)
    mdd = MDD.objects.order_by("code").first()
    commune = mdd.communes.first()
    agent, _ = User.objects.get_or_create(
        email="bench.courriers@exemple.invalid", defaults={"role": "travailleur_social"}
    )
    agent.mdds.add(mdd)
    debut = Beneficiaire.objects.count()
    personnes = Beneficiaire.objects.bulk_create(
        [
            Beneficiaire(
                numero_allocataire=f"{5000000 + debut + i:07d}",
                nom=f"BENCH{i}",
                prenom="Claire",
                sexe="F",
                date_naissance=datetime.date(1980, 1, 1),
                telephone=f"06{i % 10**8:08d}",
                email=f"bench{i}@exemple.invalid",
                adresse=f"{i} rue des Lilas",
                commune=commune,
                nom_recherche=f"bench{i} claire",
            )
            for i in range(nombre)
        ],
        batch_size=2000,
    )
    Consentement.objects.bulk_create(
        [Consentement(beneficiaire=b, sms=True, email=i % 2 == 0) for i, b in enumerate(personnes)], batch_size=2000
    )
    parcours = Parcours.objects.bulk_create(
        [
            Parcours(
                beneficiaire=b,
                mdd=mdd,
                date_ouverture_droit=datetime.date(2026, 1, 1),
                date_entree=datetime.date(2026, 1, 2),
            )
            for b in personnes
        ],
        batch_size=2000,
    )
    recopier_noms()
    return agent, [p.pk for p in parcours]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--personnes", type=int, default=10_000)
    parser.add_argument("--lettres", type=int, default=1_000)
    args = parser.parse_args()
    creer_base_si_absente()
    setup()
    from courriers import tasks
    from courriers.models import Message
    from pacte.models import TacheDeFond
    from pacte.taches import creer_tache, lancer

    # The queue is measured apart: here only the invitations (the immediate backend would send at once).
    tasks.demander_envoi = lambda: None
    print(f"Sonde CPU : {sonde_cpu():.0f} ms")
    agent, ids = preparer(args.personnes)
    tache = creer_tache(nature="bench", libelle="bench", utilisateur=agent)
    avant, debut = rss_mo(), time.perf_counter()
    lancer(tache, tasks.inviter_en_masse_tache, ids, ["sms", "email", "courrier"], agent.pk)
    duree = time.perf_counter() - debut
    tache.refresh_from_db()
    print(
        f"Invitation de {len(ids)} personnes : {duree:.1f} s, {len(ids) / duree:.0f} personnes/s "
        f"({tache.message}) ; mémoire résidente {avant:.0f} → {rss_mo():.0f} Mo"
    )
    lettres = list(
        Message.objects.filter(canal="courrier", parcours_id__in=ids).values_list("pk", flat=True)[: args.lettres]
    )
    tache = creer_tache(nature="bench", libelle="bench", utilisateur=agent)
    avant, debut = rss_mo(), time.perf_counter()
    lancer(tache, tasks.lettres_en_masse_tache, lettres)
    duree = time.perf_counter() - debut
    taille = len(bytes(TacheDeFond.objects.get(pk=tache.pk).fichier)) / 1024 / 1024
    print(
        f"PDF de {len(lettres)} lettres : {duree:.1f} s ({len(lettres) / duree:.0f} lettres/s, {taille:.1f} Mo) ; "
        f"mémoire résidente {avant:.0f} → {rss_mo():.0f} Mo"
    )


if __name__ == "__main__":
    main()
