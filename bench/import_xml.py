"""Benchmark of the CAF/MSA XML flow: time and peak memory on a generated flow of 100,000 members.

Usage (on a database of its own, it empties the beneficiaries and parcours tables):

    createdb pacte_bench_imports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench_imports .venv/bin/python bench/import_xml.py

The flow has 50,000 households of a demandeur, a conjoint and a child (the child is skipped): 100,000 members
to import, about 130 MB of XML. Each measure runs in a fresh child process: the reading alone (parse and
validation, no database write) under tracemalloc, then the import (each member creates a person, its parcours
and both history rows), then a second flow where one household in ten has its right suspended (the
idempotent path plus the changes of the right's state). Memory must stay flat: the peak of Python
allocations while reading the flow is that of a few households, not of the file.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_entrants import BASE_DIR, NOMS, PRENOMS, cpu_lisible, cpu_serveur, django_setup, preparer_base  # noqa: E402

PERSONNE = (
    "<Personne><Identification><NOMNAI>{nom}</NOMNAI><PRENOM>{prenom}</PRENOM><NOMCOMNAI>LIMOGES</NOMCOMNAI>"
    "<DTNAI>{dtnai}</DTNAI><SEXE>{sexe}</SEXE></Identification>"
    "<DossierCAF><TOPRESPDOS>1</TOPRESPDOS><DDRATDOS>2020-01-01</DDRATDOS></DossierCAF>"
    "<Prestations><NATPREST>PFA</NATPREST><ROLEPERS>{role}</ROLEPERS><TOPCHAPERS>0</TOPCHAPERS></Prestations>"
    "<Prestations><NATPREST>RSA</NATPREST><ROLEPERS>{role}</ROLEPERS><TOPCHAPERS>1</TOPCHAPERS></Prestations>"
    "<Ressources><GeneraliteRessourcesTrimestre><TOPRESSNUL>1</TOPRESSNUL><DDRESS>2025-07-01</DDRESS>"
    "<DFRESS>2025-09-30</DFRESS></GeneraliteRessourcesTrimestre></Ressources>"
    "<MontantCalculDroitRSAPersonne><TOPPERSDRODEVORSA>1</TOPPERSDRODEVORSA></MontantCalculDroitRSAPersonne>"
    "</Personne>"
)


def _situation(tirage, suspendre: bool) -> str:
    if suspendre and tirage.random() < 0.1:
        return (
            "<EtatDossierRSA><ETATDOSRSA>3</ETATDOSRSA></EtatDossierRSA>"
            "<SuspensionDroit><MOTISUSDRORSA>06</MOTISUSDRORSA><DDSUSDRORSA>2025-11-05</DDSUSDRORSA></SuspensionDroit>"
        )
    return "<EtatDossierRSA><ETATDOSRSA>2</ETATDOSRSA></EtatDossierRSA>"


def generer(chemin: Path, nb_foyers: int, communes: list[str], suspendre: bool = False):
    rng = random.Random(42)
    # A draw of its own: the people of the second flow stay those of the first (only their right changes).
    tirage = random.Random(7)
    with chemin.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<Racine><IdentificationFlux><APPLIEME>CRI</APPLIEME>')
        f.write("<TYPEFLUX>M</TYPEFLUX><NATFLUX>B</NATFLUX><DTCREAFLUX>2025-11-01</DTCREAFLUX>")
        f.write("<DTREF>2025-11-01</DTREF></IdentificationFlux>\n")
        for i in range(nb_foyers):
            membres = "".join(
                PERSONNE.format(
                    nom=rng.choice(NOMS),
                    prenom=rng.choice(PRENOMS),
                    dtnai=f"{rng.randint(1960, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    sexe=sexe,
                    role=role,
                )
                for role, sexe in (("DEM", "2"), ("CJT", "1"), ("ENF", "1"))
            )
            f.write(
                "<InfosFoyerRSA><IdentificationRSA><Organisme><FONORG>CAF</FONORG><NUMORG>871</NUMORG>"
                f"<MATRICULE>{2_000_000 + i:015d}</MATRICULE></Organisme><Partenaire><TYPEPARTE>CG</TYPEPARTE>"
                f"<IDEPARTE>087</IDEPARTE></Partenaire><DemandeRSA><DTDEMRSA>2025-{rng.randint(1, 9):02d}-01"
                f"</DTDEMRSA><NUMDEMRSA>{i:011d}</NUMDEMRSA></DemandeRSA></IdentificationRSA>{membres}"
                "<DonneesAdministratives><Adresse><NOMVOIE>RUE DES ARENES</NOMVOIE>"
                f"<NUMCOM>{rng.choice(communes)}</NUMCOM><CODEPOS>87000</CODEPOS></Adresse></DonneesAdministratives>"
                f"<PrestationRSA><SituationDossierRSA>{_situation(tirage, suspendre)}</SituationDossierRSA>"
                "<DetailDroitRSA><TroncCommunDroitRSA><TOPSANSDOMFIXE>0</TOPSANSDOMFIXE><ORIDEMRSA>DEM</ORIDEMRSA>"
                "</TroncCommunDroitRSA></DetailDroitRSA></PrestationRSA></InfosFoyerRSA>\n"
            )
        f.write("<TransmissionFlux><NBENVOIS>1</NBENVOIS></TransmissionFlux></Racine>\n")


def mesurer(chemin: str, lecture_seule: bool) -> dict:
    """Child process: read (and import) the flow as the management command does, print the figures as JSON."""
    import resource
    import tracemalloc

    django_setup()
    from django.db import connection

    from parcours.imports import etats
    from parcours.imports.lecture import empreinte_et_lignes
    from parcours.imports.service import importer_flux_xml
    from parcours.imports.validation import Referentiel
    from parcours.imports.xml_cnaf import LecteurXML

    base_avant = cpu_serveur(connection)
    debut, debut_cpu = time.perf_counter(), time.process_time()
    with open(chemin, "rb") as flux:
        if lecture_seule:
            ref = Referentiel.charger()
            tracemalloc.start()
            membres = sum(1 for _ in LecteurXML(flux).membres(ref))
            compteurs = {"membres": membres}
        else:
            empreinte, taille, _ = empreinte_et_lignes(flux)
            import_fichier = etats.creer(nom_fichier=Path(chemin).name, empreinte=empreinte, taille=taille)
            bilan = importer_flux_xml(flux, import_fichier=import_fichier, garder_refus=0)
            membres, compteurs = bilan.lignes_traitees, bilan.compteurs
    duree, cpu = time.perf_counter() - debut, time.process_time() - debut_cpu
    base_apres = cpu_serveur(connection)
    pic = tracemalloc.get_traced_memory()[1] if lecture_seule else None
    return {
        "membres": membres,
        "taille_mo": round(Path(chemin).stat().st_size / 1024 / 1024, 1),
        "duree_s": round(duree, 2),
        "cpu_s": round(cpu, 2),
        "cpu_base_s": round(base_apres - base_avant, 2) if base_avant is not None else None,
        "membres_par_s": round(membres / duree),
        "pic_tracemalloc_mo": round(pic / 1024 / 1024, 2) if pic is not None else None,
        "pic_rss_mo": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "compteurs": compteurs,
        "base": f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}".strip(),
    }


def enfant(chemin: Path, lecture_seule: bool) -> dict:
    commande = [sys.executable, __file__, "--mesurer", str(chemin)] + (["--lecture-seule"] if lecture_seule else [])
    sortie = subprocess.run(commande, check=True, capture_output=True, text=True, cwd=BASE_DIR).stdout
    return json.loads(sortie.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mesurer")
    parser.add_argument("--lecture-seule", action="store_true")
    parser.add_argument("--foyers", type=int, default=50_000)
    args = parser.parse_args()
    if args.mesurer:
        print(json.dumps(mesurer(args.mesurer, args.lecture_seule)))
        return
    django_setup()
    from django.db import connection

    communes = preparer_base()
    connection.close()
    with tempfile.TemporaryDirectory() as dossier:
        petit, grand, suspendu = Path(dossier, "petit.xml"), Path(dossier, "grand.xml"), Path(dossier, "suspendu.xml")
        generer(petit, args.foyers // 10, communes)
        generer(grand, args.foyers, communes)
        generer(suspendu, args.foyers, communes, suspendre=True)
        resultats = {
            "lecture seule, flux de 10 %": enfant(petit, lecture_seule=True),
            "lecture seule, flux entier": enfant(grand, lecture_seule=True),
            "import (création)": enfant(grand, lecture_seule=False),
            "second flux (1 foyer sur 10 suspendu)": enfant(suspendu, lecture_seule=False),
        }
    print(f"Base : {next(iter(resultats.values()))['base']}")
    for nom, r in resultats.items():
        memoire = f"pic tracemalloc {r['pic_tracemalloc_mo']} Mo, " if r["pic_tracemalloc_mo"] is not None else ""
        print(
            f"{nom} : {r['membres']} membres, {r['taille_mo']} Mo, {cpu_lisible(r)}, {r['membres_par_s']} membres/s, "
            f"{memoire}pic RSS {r['pic_rss_mo']} Mo, {r['compteurs']}"
        )
    petit_pic = resultats["lecture seule, flux de 10 %"]["pic_tracemalloc_mo"]
    grand_pic = resultats["lecture seule, flux entier"]["pic_tracemalloc_mo"]
    print(f"Mémoire de lecture : {petit_pic} Mo pour un flux de 10 %, {grand_pic} Mo pour le flux entier.")
    duree = resultats["import (création)"]["duree_s"]
    membres = resultats["import (création)"]["membres"]
    print(f"Objectif {membres} membres en moins de 120 s : {'atteint' if duree < 120 else 'NON atteint'} ({duree} s).")


if __name__ == "__main__":
    main()
