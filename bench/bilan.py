"""Time the bilan annuel figures for the whole département, against hand-written SQL of the same figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench \
        .venv/bin/python bench/bilan.py [--annee 2025] [--runs 5]

Times `evaluation.services.calculer_chiffres(annee)` (the function the approval uses to freeze the
figures: every indicator + the three breakdowns), then the same figures computed by plain SQL written
by hand (cursor.execute) in the same process (invitations and droits et devoirs: bench/_bilan_droits.py);
prints both times (median and best of the runs), the ratio, and checks that the two give the same values
(exit code 1 otherwise).
"""

import argparse
import datetime
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _django  # noqa: E402

CONNEXION = _django.setup()

from _bilan_droits import chiffres_droits_en_sql  # noqa: E402
from django.utils import timezone  # noqa: E402

from evaluation.indicateurs import (  # noqa: E402
    DELAI_FREIN_A_L_ENTREE,
    DELAI_ORIENTATION_CIBLE,
    euros,
    moyenne,
    pourcentage,
)
from evaluation.services import calculer_chiffres  # noqa: E402
from pacte.choices import TypeSortie  # noqa: E402
from parcours.choices import CategorieFrein, EtatPrescription, TypeOrientation  # noqa: E402

OUVERT_FIN = "p.date_entree <= %(fin)s AND (p.date_sortie IS NULL OR p.date_sortie > %(fin)s)"
# The référent on the last day: the one before the first later change of référent or transfer, else today's.
REFERENT_LE = """LEFT JOIN LATERAL (
  SELECT avant FROM (
    SELECT date, 0 AS rang, created_at, ancien_id AS avant FROM parcours_changementreferent
    WHERE parcours_id = p.id AND date > %(fin)s
    UNION ALL
    SELECT date, 1, created_at, referent_avant_id FROM parcours_transfert WHERE parcours_id = p.id AND date > %(fin)s
  ) e ORDER BY date, rang, created_at LIMIT 1
) r ON true
LEFT JOIN LATERAL (SELECT 1 AS change FROM (
    SELECT 1 FROM parcours_changementreferent WHERE parcours_id = p.id AND date > %(fin)s
    UNION ALL SELECT 1 FROM parcours_transfert WHERE parcours_id = p.id AND date > %(fin)s) x LIMIT 1) rc ON true"""

SQL_PARCOURS = f"""
SELECT
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE {OUVERT_FIN}) AS stock,
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE p.date_entree BETWEEN %(debut)s AND %(fin)s) AS entrees,
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE p.date_sortie BETWEEN %(debut)s AND %(fin)s) AS sorties,
  count(DISTINCT p.beneficiaire_id) FILTER (
    WHERE {OUVERT_FIN} AND CASE WHEN rc.change IS NULL THEN p.referent_id ELSE r.avant END IS NOT NULL) AS referent,
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE {OUVERT_FIN} AND o.premiere <= %(fin)s) AS orientes,
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE {OUVERT_FIN} AND c.parcours_id IS NOT NULL) AS contrat
FROM parcours_parcours p
LEFT JOIN (SELECT parcours_id, min(date_decision) AS premiere FROM parcours_orientation GROUP BY parcours_id) o
  ON o.parcours_id = p.id
LEFT JOIN (
  SELECT DISTINCT parcours_id FROM parcours_contratengagement
  WHERE date_signature <= %(fin)s AND date_debut <= %(fin)s AND date_fin >= %(fin)s AND etat <> 'brouillon'
    AND (date_resiliation IS NULL OR date_resiliation > %(fin)s)
) c ON c.parcours_id = p.id
{REFERENT_LE}
"""

SQL_SORTIES = """
SELECT s.type, count(DISTINCT p.beneficiaire_id) FROM parcours_sortie s JOIN parcours_parcours p ON p.id = s.parcours_id
WHERE s.date BETWEEN %(debut)s AND %(fin)s GROUP BY s.type
"""

SQL_PREMIERES_ORIENTATIONS = """
SELECT count(*), sum(o.premiere - p.date_ouverture_droit),
       count(*) FILTER (WHERE o.premiere - p.date_ouverture_droit <= %(cible)s),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY o.premiere - p.date_ouverture_droit)
FROM (SELECT parcours_id, min(date_decision) AS premiere FROM parcours_orientation GROUP BY parcours_id) o
JOIN parcours_parcours p ON p.id = o.parcours_id
WHERE o.premiere BETWEEN %(debut)s AND %(fin)s
"""

SQL_ORIENTATIONS = """
SELECT o.type, count(*) FROM parcours_orientation o
WHERE o.date_decision BETWEEN %(debut)s AND %(fin)s GROUP BY o.type
"""

SQL_REORIENTATIONS = """
SELECT count(*) FROM parcours_orientation o
WHERE o.date_decision BETWEEN %(debut)s AND %(fin)s
  AND EXISTS (SELECT 1 FROM parcours_orientation a WHERE a.parcours_id = o.parcours_id
              AND (a.date_decision < o.date_decision OR (a.date_decision = o.date_decision AND a.id < o.id)))
"""

SQL_CONTRATS = """
SELECT count(*), sum(c.premier - o.premiere), percentile_cont(0.5) WITHIN GROUP (ORDER BY c.premier - o.premiere)
FROM (SELECT parcours_id, min(date_signature) AS premier FROM parcours_contratengagement
      WHERE date_signature IS NOT NULL AND etat <> 'brouillon' GROUP BY parcours_id
      HAVING min(date_signature) BETWEEN %(debut)s AND %(fin)s) c
JOIN (SELECT parcours_id, min(date_decision) AS premiere FROM parcours_orientation GROUP BY parcours_id) o
  ON o.parcours_id = c.parcours_id
WHERE o.premiere <= c.premier
"""

SQL_RDV = """
SELECT count(*) FILTER (WHERE presence <> 'prevu'), count(*) FILTER (WHERE presence = 'present')
FROM parcours_rendezvous WHERE date >= %(debut_dt)s AND date < %(lendemain_fin_dt)s
"""

# Presence from the entry (not before the action's start) to the exit, the action's end if still in, the entry
# day for an undated abandon.
PRESENT_PERIODE = """pr.date_entree IS NOT NULL AND pr.etat IN ('entree', 'sortie', 'abandon')
  AND greatest(pr.date_entree, a.date_debut) <= least(
        coalesce(pr.date_sortie, CASE WHEN pr.etat = 'abandon' THEN pr.date_entree ELSE a.date_fin END), a.date_fin)
  AND greatest(pr.date_entree, a.date_debut) <= %(fin)s
  AND least(coalesce(pr.date_sortie, CASE WHEN pr.etat = 'abandon' THEN pr.date_entree ELSE a.date_fin END),
            a.date_fin) >= %(debut)s"""

SQL_PRESCRIPTIONS = f"""
SELECT
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE {PRESENT_PERIODE}),
  count(*) FILTER (WHERE a.date_debut <= %(fin)s AND a.date_fin >= %(fin)s AND a.places > 0
                   AND pr.date_entree <= %(fin)s
                   AND ((pr.date_sortie IS NULL AND pr.etat IN ('entree', 'sortie')) OR pr.date_sortie > %(fin)s))
FROM parcours_prescription pr JOIN partenaires_action a ON a.id = pr.action_id
JOIN parcours_parcours p ON p.id = pr.parcours_id
"""

SQL_ETATS = """
SELECT etat, count(*) FROM parcours_prescription WHERE date_proposition BETWEEN %(debut)s AND %(fin)s GROUP BY etat
"""

SQL_SORTIES_ACTION = """
SELECT type_sortie, count(*) FROM parcours_prescription WHERE date_sortie BETWEEN %(debut)s AND %(fin)s
GROUP BY type_sortie
"""

SQL_PLACES = """SELECT sum(places) FROM partenaires_action
WHERE date_debut <= %(fin)s AND date_fin >= %(fin)s AND places > 0"""

SQL_BUDGET = """
WITH f AS (
  SELECT f.id, f.montant_conventionne FROM partenaires_financement f
  WHERE f.date_debut <= %(fin)s AND f.date_fin >= %(debut)s
), v AS (SELECT montant FROM partenaires_versement WHERE date BETWEEN %(debut)s AND %(fin)s)
SELECT (SELECT count(*) FROM f), (SELECT sum(montant_conventionne) FROM f),
       (SELECT count(*) FROM v), (SELECT coalesce(sum(montant), 0) FROM v)
"""

FREIN_A_L_ENTREE = """p.date_entree BETWEEN %(debut)s AND %(fin)s
  AND f.date_identification <= p.date_entree + %(delai_frein)s
  AND (f.date_levee IS NULL OR f.date_levee >= p.date_entree)"""

SQL_FREINS_ENTREE = f"""
SELECT NULL, count(DISTINCT p.beneficiaire_id) FROM parcours_frein f JOIN parcours_parcours p ON p.id = f.parcours_id
WHERE {FREIN_A_L_ENTREE}
UNION ALL
SELECT f.categorie, count(DISTINCT p.beneficiaire_id) FROM parcours_frein f
JOIN parcours_parcours p ON p.id = f.parcours_id
WHERE {FREIN_A_L_ENTREE}
GROUP BY f.categorie
"""

SQL_FREINS_ACTIFS = """
SELECT count(*), count(*) FILTER (WHERE date_levee BETWEEN %(debut)s AND %(fin)s) FROM parcours_frein
WHERE date_identification <= %(fin)s AND (date_levee IS NULL OR date_levee >= %(debut)s)
"""

# The MDD on the last day: the origin of the first transfer after it, else today's.
SQL_PAR_MDD = f"""
SELECT m.id, m.nom,
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE {OUVERT_FIN}),
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE p.date_entree BETWEEN %(debut)s AND %(fin)s),
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE p.date_sortie BETWEEN %(debut)s AND %(fin)s),
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE {OUVERT_FIN} AND o.premiere <= %(fin)s)
FROM parcours_parcours p
LEFT JOIN LATERAL (SELECT mdd_origine_id FROM parcours_transfert t WHERE t.parcours_id = p.id AND t.date > %(fin)s
                   ORDER BY t.date, t.id LIMIT 1) t ON true
JOIN pacte_mdd m ON m.id = coalesce(t.mdd_origine_id, p.mdd_id)
LEFT JOIN (SELECT parcours_id, min(date_decision) AS premiere FROM parcours_orientation GROUP BY parcours_id) o
  ON o.parcours_id = p.id
GROUP BY m.id, m.nom
"""

SQL_PAR_THEMATIQUE = f"""
SELECT t.id,
  count(DISTINCT p.beneficiaire_id) FILTER (WHERE {PRESENT_PERIODE}),
  count(pr.id) FILTER (WHERE pr.date_proposition BETWEEN %(debut)s AND %(fin)s),
  count(pr.id) FILTER (WHERE pr.date_sortie BETWEEN %(debut)s AND %(fin)s AND pr.type_sortie > ''),
  count(pr.id) FILTER (WHERE pr.date_sortie BETWEEN %(debut)s AND %(fin)s AND pr.type_sortie IN %(emploi)s),
  (SELECT sum(a2.places) FROM partenaires_action a2
   WHERE a2.thematique_id = t.id AND a2.date_debut <= %(fin)s AND a2.date_fin >= %(fin)s AND a2.places > 0)
FROM pacte_thematique t
LEFT JOIN partenaires_action a ON a.thematique_id = t.id
LEFT JOIN parcours_prescription pr ON pr.action_id = a.id
LEFT JOIN parcours_parcours p ON p.id = pr.parcours_id
GROUP BY t.id
"""


def _jours(valeur):
    """A date difference from plain SQL: an integer number of days (percentile_cont gives a float)."""
    return Decimal(str(valeur)).quantize(Decimal("0.1")) if valeur is not None else None


def chiffres_en_sql(annee: int) -> dict:
    """Every figure of the bilan, by hand-written SQL, rounded with the same helpers as the engine."""
    debut, fin = datetime.date(annee, 1, 1), datetime.date(annee, 12, 31)
    debut_dt = timezone.make_aware(datetime.datetime.combine(debut, datetime.time.min))
    lendemain = timezone.make_aware(datetime.datetime.combine(fin + datetime.timedelta(days=1), datetime.time.min))
    p = {
        "debut": debut,
        "fin": fin,
        "debut_dt": debut_dt,
        "lendemain_fin_dt": lendemain,
        "cible": DELAI_ORIENTATION_CIBLE,
        "delai_frein": DELAI_FREIN_A_L_ENTREE,
        "emploi": tuple(str(t) for t in TypeSortie.vers_emploi()),
    }
    i = {}
    with CONNEXION.cursor() as cur:

        def un(sql):
            cur.execute(sql, p)
            return cur.fetchone()

        def dico(sql):
            cur.execute(sql, p)
            return dict(cur.fetchall())

        stock, entrees, sorties, referent, orientes, contrat = un(SQL_PARCOURS)
        i["stock_parcours_ouverts"], i["entrees"], i["sorties"] = stock, entrees, sorties
        par_type = dico(SQL_SORTIES)
        for t in TypeSortie:
            i[f"sorties_dispositif_{t.value}"] = par_type.get(t.value, 0)
        i["part_orientes"] = pourcentage(orientes, stock)
        nombre, total, sous_30, mediane = un(SQL_PREMIERES_ORIENTATIONS)
        i["delai_orientation_moyen"] = moyenne(total or 0, nombre)
        i["delai_orientation_median"] = _jours(mediane) if nombre else None
        i["part_orientes_30_jours"] = pourcentage(sous_30, nombre)
        par_type = dico(SQL_ORIENTATIONS)
        for t in TypeOrientation:
            i[f"orientations_{t.value}"] = par_type.get(t.value, 0)
        i["reorientations"] = un(SQL_REORIENTATIONS)[0]
        i["part_referent_unique"] = pourcentage(referent, stock)
        i["part_contrat_en_vigueur"] = pourcentage(contrat, stock)
        nombre, total, mediane = un(SQL_CONTRATS)
        i["delai_contrat_moyen"] = moyenne(total or 0, nombre)
        i["delai_contrat_median"] = _jours(mediane) if nombre else None
        tenus, presents = un(SQL_RDV)
        i["taux_presence_rdv"] = pourcentage(presents, tenus)
        participants, occupants = un(SQL_PRESCRIPTIONS)
        i["participants"] = participants
        i["taux_occupation"] = pourcentage(occupants, un(SQL_PLACES)[0])
        etats = dico(SQL_ETATS)
        for e in EtatPrescription:
            i[f"prescriptions_{e.value}"] = etats.get(e.value, 0)
        sorties_action = dico(SQL_SORTIES_ACTION)
        total_sorties = 0
        for t in TypeSortie:
            i[f"sorties_action_{t.value}"] = sorties_action.get(t.value, 0)
            total_sorties += i[f"sorties_action_{t.value}"]
        emploi = sum(sorties_action.get(t, 0) for t in TypeSortie.vers_emploi())
        i["taux_sorties_emploi"] = pourcentage(emploi, total_sorties)
        nombre, conventionne, nombre_versements, verse = un(SQL_BUDGET)
        conventionne = euros(conventionne) if nombre else None
        verse = euros(verse) if nombre or nombre_versements else None
        i["budget_conventionne"], i["budget_verse"] = conventionne, verse
        i["taux_consommation"] = pourcentage(verse, conventionne) if verse is not None else None
        i["cout_par_participant"] = euros(verse / participants) if verse is not None and participants else None
        freins = dico(SQL_FREINS_ENTREE)
        i["prevalence_freins_entree"] = pourcentage(freins.get(None, 0), entrees)
        for cat in CategorieFrein:
            i[f"frein_entree_{cat.value}"] = pourcentage(freins.get(cat.value, 0), entrees)
        actifs, leves = un(SQL_FREINS_ACTIFS)
        i["part_freins_leves"] = pourcentage(leves, actifs)
        i.update(chiffres_droits_en_sql(cur, p))
        manquements_par_mdd = i.pop("manquements_par_mdd")

        cur.execute(SQL_PAR_MDD, p)
        par_mdd = cur.fetchall()
        ventilations = {
            "mdd": {
                ident: (s, e, so, pourcentage(o, s), manquements_par_mdd.get(ident, 0))
                for ident, _nom, s, e, so, o in par_mdd
            },
        }
        territoires = {}
        cur.execute("SELECT id, territoire_id FROM pacte_mdd")
        territoire_de = dict(cur.fetchall())
        for ident, _nom, s, e, so, o in par_mdd:
            cumul = territoires.setdefault(territoire_de[ident], [0, 0, 0, 0])
            for k, v in enumerate((s, e, so, o)):
                cumul[k] += v
        ventilations["territoire"] = {t: (s, e, so, pourcentage(o, s)) for t, (s, e, so, o) in territoires.items()}
        cur.execute(SQL_PAR_THEMATIQUE, p)
        ventilations["thematique"] = {
            t: (part, presc, places, pourcentage(emp, so)) for t, part, presc, so, emp, places in cur.fetchall()
        }
    return {"indicateurs": i, "ventilations": ventilations}


def _normaliser(valeur):
    return Decimal(valeur) if isinstance(valeur, str) else valeur


def comparer(orm: dict, sql: dict) -> list[str]:
    ecarts = []
    for code, ind in orm["indicateurs"].items():
        attendu = sql["indicateurs"].get(code, "absent")
        if _normaliser(ind["valeur"]) != attendu:
            ecarts.append(f"{code} : moteur {ind['valeur']!r}, SQL {attendu!r}")
    for code in sql["indicateurs"].keys() - orm["indicateurs"].keys():
        ecarts.append(f"{code} : calculé en SQL mais absent du moteur")
    champs = {
        "mdd": ("stock", "entrees", "sorties", "part_orientes", "manquements"),
        "territoire": ("stock", "entrees", "sorties", "part_orientes"),
        "thematique": ("participants", "prescriptions", "places", "taux_sorties_emploi"),
    }
    for axe, noms in champs.items():
        lignes = {ligne["id"]: ligne for ligne in orm["ventilations"][axe]}
        if set(lignes) != set(sql["ventilations"][axe]):
            ecarts.append(f"ventilation {axe} : lignes différentes")
            continue
        for ident, valeurs in sql["ventilations"][axe].items():
            moteur = tuple(_normaliser(lignes[ident][n]) for n in noms)
            if moteur != valeurs:
                ecarts.append(f"ventilation {axe} {ident} : moteur {moteur}, SQL {valeurs}")
    return ecarts


def chronometrer(fonction, runs):
    durees, resultat = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        resultat = fonction()
        durees.append(time.perf_counter() - t0)
    return durees, resultat


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--annee", type=int, default=datetime.date.today().year - 1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from parcours.models import Parcours

    print(
        f"Base : PostgreSQL, {Parcours.objects.count()} parcours ; bilan annuel {args.annee}, {args.runs} mesures ; "
        f"sonde CPU {_django.sonde_cpu():.0f} ms."
    )
    # One warm-up of each so both start with the same cache state.
    calculer_chiffres(args.annee)
    chiffres_en_sql(args.annee)
    durees_orm, orm = chronometrer(lambda: calculer_chiffres(args.annee), args.runs)
    durees_sql, sql = chronometrer(lambda: chiffres_en_sql(args.annee), args.runs)
    med_orm, med_sql = statistics.median(durees_orm), statistics.median(durees_sql)
    print(f"calculer_chiffres (moteur)   médiane {med_orm * 1000:8.1f} ms  meilleure {min(durees_orm) * 1000:8.1f} ms")
    print(f"SQL écrit à la main          médiane {med_sql * 1000:8.1f} ms  meilleure {min(durees_sql) * 1000:8.1f} ms")
    print(f"ratio moteur / SQL           {med_orm / med_sql:.2f}  (cible : moteur ≤ 2 s)")
    ecarts = comparer(orm, sql)
    if ecarts:
        print(f"{len(ecarts)} écart(s) entre le moteur et le SQL :")
        for ecart in ecarts:
            print("  -", ecart)
        sys.exit(1)
    lignes = sum(len(v) for v in orm["ventilations"].values())
    print(f"Mêmes valeurs : {len(orm['indicateurs'])} indicateurs et {lignes} lignes de ventilation.")


if __name__ == "__main__":
    main()
