"""Hand-written SQL of the «Invitations et convocations» and «Droits et devoirs» figures, for bench/bilan.py.

Written from the fiches (evaluation/indicateurs/fiches_courriers.py, fiches_droits.py), not from the engine's code;
the whole département (no filter), so the MDD at the observation date plays no part here.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from evaluation.indicateurs import moyenne, pourcentage

SQL_INVITATIONS = """
SELECT count(*), count(DISTINCT p.beneficiaire_id),
       count(*) FILTER (WHERE i.reservation_id IS NOT NULL OR i.etat = 'reservee' OR i.deplacements > 0)
FROM courriers_invitation i JOIN parcours_parcours p ON p.id = i.parcours_id
WHERE i.created_at >= %(debut_dt)s AND i.created_at < %(lendemain_fin_dt)s
"""

SQL_CANAUX = """
SELECT m.canal, count(DISTINCT m.invitation_id) FROM courriers_message m
JOIN courriers_invitation i ON i.id = m.invitation_id
WHERE m.nature = 'invitation' AND m.statut NOT IN ('echoue', 'rejete')
  AND i.created_at >= %(debut_dt)s AND i.created_at < %(lendemain_fin_dt)s
GROUP BY m.canal
"""

SQL_DELAI = """
SELECT count(*), extract(epoch FROM sum(c.debut - i.created_at)) FROM courriers_invitation i
JOIN courriers_reservation r ON r.id = i.reservation_id JOIN courriers_creneau c ON c.id = r.creneau_id
WHERE r.annulee_le IS NULL AND i.created_at >= %(debut_dt)s AND i.created_at < %(lendemain_fin_dt)s
"""

SQL_CONVOCATIONS = """
SELECT count(*), count(*) FILTER (WHERE r.presence IN ('present', 'absent_excuse', 'absent_non_excuse')),
       count(*) FILTER (WHERE r.presence = 'absent_non_excuse')
FROM courriers_convocation c LEFT JOIN parcours_rendezvous r ON r.id = c.rendez_vous_id
WHERE c.date >= %(debut_dt)s AND c.date < %(lendemain_fin_dt)s
"""

SQL_MANQUEMENTS = """
SELECT count(*), count(DISTINCT p.beneficiaire_id)
FROM droits_manquement m JOIN parcours_parcours p ON p.id = m.parcours_id
WHERE m.date_constat BETWEEN %(debut)s AND %(fin)s
"""

# By MDD on the last day (the origin of the first transfer after it, else today's), as bench/bilan.py's SQL_PAR_MDD.
SQL_MANQUEMENTS_PAR_MDD = """
SELECT coalesce(t.mdd_origine_id, p.mdd_id), count(*) FROM droits_manquement m
JOIN parcours_parcours p ON p.id = m.parcours_id
LEFT JOIN LATERAL (SELECT mdd_origine_id FROM parcours_transfert t WHERE t.parcours_id = p.id AND t.date > %(fin)s
                   ORDER BY t.date, t.id LIMIT 1) t ON true
WHERE m.date_constat BETWEEN %(debut)s AND %(fin)s GROUP BY 1
"""

SQL_NATURES = (
    "SELECT nature, count(*) FROM droits_manquement WHERE date_constat BETWEEN %(debut)s AND %(fin)s GROUP BY 1"
)

SQL_AVIS = """
SELECT d.avis, count(*) FROM droits_dossierep d JOIN droits_seanceep s ON s.id = d.seance_id
WHERE s.date >= %(debut_dt)s AND s.date < %(lendemain_fin_dt)s AND d.avis <> '' GROUP BY d.avis
"""

SQL_DECISIONS = (
    "SELECT nature, count(*) FROM droits_decision WHERE date_decision BETWEEN %(debut)s AND %(fin)s GROUP BY 1"
)

SQL_SUSPENSIONS = """
SELECT count(*), sum(taux), sum(duree_mois), count(*) FILTER (WHERE taux < 50),
       count(*) FILTER (WHERE taux >= 50 AND taux < 100), count(*) FILTER (WHERE taux = 100),
       count(*) FILTER (WHERE duree_mois = 1), count(*) FILTER (WHERE duree_mois = 2),
       count(*) FILTER (WHERE duree_mois > 2)
FROM droits_decision WHERE nature = 'suspension' AND date_decision BETWEEN %(debut)s AND %(fin)s
"""

SQL_REMOBILISATION = """
SELECT count(*), count(*) FILTER (WHERE date_remobilisation IS NOT NULL),
       sum(date_cloture - date_debut) FILTER (WHERE date_remobilisation IS NOT NULL)
FROM droits_decision WHERE nature = 'suspension' AND date_cloture BETWEEN %(debut)s AND %(fin)s
"""

PLAN_SIGNE = """droits_activiteplan a JOIN parcours_contratengagement c ON c.id = a.contrat_id
  AND c.etat IN ('signe', 'echu', 'resilie')"""

SQL_PREVUES = f"""
SELECT coalesce(sum(a.heures_hebdomadaires), 0) FROM {PLAN_SIGNE}
JOIN (SELECT d::date AS lundi
      FROM generate_series(%(premier_lundi)s::date, %(dernier_lundi)s::date, interval '7 days') d) s
  ON a.date_debut < s.lundi + 7 AND a.date_fin >= s.lundi
"""

SQL_SAISIES = """SELECT coalesce(sum(heures), 0) FROM droits_heuresrealisees
WHERE semaine BETWEEN %(premier_lundi)s AND %(dernier_lundi)s"""

SQL_RDV_HONORES = f"""
SELECT count(*) FROM parcours_rendezvous r
WHERE r.presence = 'present' AND r.date >= %(premier_lundi_dt)s AND r.date < %(apres_semaines_dt)s
  AND EXISTS (SELECT 1 FROM {PLAN_SIGNE} WHERE c.parcours_id = r.parcours_id
              AND a.date_debut <= %(dernier_dimanche)s AND a.date_fin >= %(premier_lundi)s)
"""

SQL_BAREME = """SELECT duree_rendez_vous_heures FROM pacte_baremedroitsdevoirs WHERE date_effet <= %(fin)s
ORDER BY date_effet DESC LIMIT 1"""


def _local(jour):
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time.min))


def _semaines(p):
    debut, fin = p["debut"], p["fin"]
    premier = debut + datetime.timedelta(days=(7 - debut.weekday()) % 7)
    dernier = fin - datetime.timedelta(days=fin.weekday())
    dimanche = dernier + datetime.timedelta(days=6)
    return {
        **p,
        "premier_lundi": premier,
        "dernier_lundi": dernier,
        "dernier_dimanche": dimanche,
        "premier_lundi_dt": _local(premier),
        "apres_semaines_dt": _local(dimanche + datetime.timedelta(days=1)),
    }


def chiffres_droits_en_sql(cur, p) -> dict:
    def un(sql, params=p):
        cur.execute(sql, params)
        return cur.fetchone()

    def dico(sql):
        cur.execute(sql, p)
        return dict(cur.fetchall())

    i = {}
    invitations, personnes, reservees = un(SQL_INVITATIONS)
    i["invitations_envoyees"], i["personnes_invitees"] = invitations, personnes
    canaux = dico(SQL_CANAUX)
    for canal in ("email", "sms", "courrier"):
        i[f"invitations_canal_{canal}"] = canaux.get(canal, 0)
    i["part_invitations_reservees"] = pourcentage(reservees, invitations)
    nombre, secondes = un(SQL_DELAI)
    i["delai_invitation_rendez_vous_moyen"] = (
        (Decimal(secondes) / 86400 / nombre).quantize(Decimal("0.1"), ROUND_HALF_UP) if nombre else None
    )
    convocations, notees, absents = un(SQL_CONVOCATIONS)
    i["convocations"], i["taux_absence_convocations"] = convocations, pourcentage(absents, notees)
    i["manquements"], i["personnes_en_manquement"] = un(SQL_MANQUEMENTS)
    natures = dico(SQL_NATURES)
    for nature in ("absence_convocation", "contrat_non_signe", "heures_non_realisees", "refus_action"):
        i[f"manquements_{nature}"] = natures.get(nature, 0)
    avis = dico(SQL_AVIS)
    i["dossiers_ep"] = sum(avis.values())
    for a in ("sans_sanction", "suspension", "reorientation", "ajournement"):
        i[f"dossiers_ep_{a}"] = avis.get(a, 0)
    decisions = dico(SQL_DECISIONS)
    for nature in ("sans_sanction", "suspension", "reorientation"):
        i[f"decisions_{nature}"] = decisions.get(nature, 0)
    nombre, taux, duree, *tranches = un(SQL_SUSPENSIONS)
    i["suspensions_taux_moyen"], i["suspensions_duree_moyenne"] = (
        moyenne(taux or 0, nombre),
        moyenne(duree or 0, nombre),
    )
    noms = ("taux_moins_de_50", "taux_50_a_99", "taux_100", "un_mois", "deux_mois", "plus_de_deux_mois")
    for nom, valeur in zip(noms, tranches, strict=True):
        i[f"suspensions_{nom}"] = valeur
    terminees, remobilisees, jours = un(SQL_REMOBILISATION)
    i["taux_remobilisation"] = pourcentage(remobilisees, terminees)
    i["delai_remobilisation_moyen"] = moyenne(jours or 0, remobilisees)
    semaines = _semaines(p)
    prevues = Decimal(un(SQL_PREVUES, semaines)[0])
    rdv = un(SQL_RDV_HONORES, semaines)[0]
    bareme = un(SQL_BAREME)
    realisees = None if rdv and bareme is None else Decimal(un(SQL_SAISIES, semaines)[0]) + rdv * (bareme or [0])[0]
    i["heures_prevues"], i["heures_realisees"] = prevues, realisees
    i["taux_realisation_heures"] = pourcentage(realisees, prevues) if realisees is not None else None
    i["manquements_par_mdd"] = dico(SQL_MANQUEMENTS_PAR_MDD)
    return i
