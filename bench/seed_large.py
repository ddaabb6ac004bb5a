"""Fill PostgreSQL with the volumes of the largest département, deterministically, with COPY.

200,000 beneficiaries, about 2 million pathway events over 10 years, 3,000 partner actions, 500 agents.
Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pacte_bench python bench/seed_large.py [--graine 87]
[--reset] [--echelle 1.0]. Prints the time and the row count of each table.
"""

import argparse
import datetime
import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _django  # noqa: E402

FIN = datetime.date(2026, 11, 28)
DEBUT = FIN - datetime.timedelta(days=3652)
MAINTENANT = datetime.datetime(2026, 11, 28, 12, 0, tzinfo=datetime.UTC)
LOT = 100_000


class Copieur:
    """Streams rows of one model into PostgreSQL with COPY, filling unset columns from the model's defaults."""

    def __init__(self, cursor, model, colonnes=None):
        self.cursor = cursor
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.table = model._meta.db_table
        self.buffer = io.StringIO()
        self.n = 0
        self.total = 0
        self.defaults = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = MAINTENANT
            elif f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            elif f.blank and f.empty_strings_allowed:
                # A text field left blank, as a form would save it: a new optional field needs no change here.
                self.defaults[f.attname] = ""

    def ajouter(self, **row):
        valeurs = []
        for f in self.fields:
            if f.attname in row:
                v = row[f.attname]
            elif f.attname in self.defaults:
                v = self.defaults[f.attname]
            else:
                raise KeyError(f"{self.table}.{f.attname} n'a pas de valeur")
            valeurs.append(_copy_text(v))
        self.buffer.write("\t".join(valeurs))
        self.buffer.write("\n")
        self.n += 1
        if self.n >= LOT:
            self.vider()

    def vider(self):
        if not self.n:
            return
        self.buffer.seek(0)
        colonnes = ", ".join(f'"{f.column}"' for f in self.fields)
        self.cursor.copy_expert(f'COPY "{self.table}" ({colonnes}) FROM STDIN', self.buffer)
        self.total += self.n
        self.buffer = io.StringIO()
        self.n = 0


def _copy_text(v):
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, (dict, list)):
        import json

        v = json.dumps(v, ensure_ascii=False)
    s = str(v)
    if "\\" in s or "\t" in s or "\n" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return s


def _siret(rng):
    from partenaires.validators import siret_valide

    while True:
        base = "".join(str(rng.randrange(10)) for _ in range(13))
        for check in range(10):
            if siret_valide(base + str(check)) and not base.startswith("356000000"):
                return base + str(check)


def _date(rng, debut, fin):
    if fin <= debut:
        return debut
    return debut + datetime.timedelta(days=rng.randrange((fin - debut).days + 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graine", type=int, default=87)
    parser.add_argument("--reset", action="store_true", help="Vide d'abord les tables métier.")
    parser.add_argument("--echelle", type=float, default=1.0, help="1.0 = 200 000 bénéficiaires.")
    args = parser.parse_args()

    _django.creer_base_si_absente()
    connection = _django.setup()
    from django.core.management import call_command

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("charger_referentiel", str(_django.ROOT / "referentiel" / "haute-vienne.yaml"), verbosity=0)

    from parcours.models import Beneficiaire

    if args.reset:
        _vider(connection)
    elif Beneficiaire.objects.exists():
        print(
            f"La base contient déjà {Beneficiaire.objects.count()} bénéficiaires : rien à faire (--reset pour refaire)."
        )
        return
    comptes = generer(connection, random.Random(args.graine), args.echelle)
    duree = time.monotonic() - t0
    print(f"Jeu de données à l'échelle créé en {duree:.0f} s (PostgreSQL {connection.pg_version // 10000}).")
    evenements = 0
    for table, n in comptes.items():
        print(f"  {table:40} {n:>10,}".replace(",", " "))
        if table in EVENEMENTS:
            evenements += n
    print(f"  {'événements de parcours (total)':40} {evenements:>10,}".replace(",", " "))


EVENEMENTS = {
    "parcours_orientation",
    "parcours_changementreferent",
    "parcours_contratengagement",
    "parcours_frein",
    "parcours_rendezvous",
    "parcours_note",
    "parcours_prescription",
    "parcours_sortie",
    "parcours_transfert",
}


def _vider(connection):
    from django.apps import apps

    tables = [
        m._meta.db_table
        for app in ("parcours", "partenaires", "evaluation")
        for m in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    with connection.cursor() as cur:
        cur.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        cur.execute("DELETE FROM pacte_user_mdds; DELETE FROM pacte_user_thematiques")
        cur.execute("DELETE FROM pacte_user WHERE email LIKE '%%@echelle.pacte.fr'")


def generer(connection, rng, echelle):  # noqa: C901 - one linear script, read top to bottom
    from django.db import transaction

    from pacte.choices import TypeSortie
    from pacte.models import MDD, Commune, Objectif, Role, Site, Territoire, User
    from parcours import models as pm
    from parcours.choices import (
        CategorieFrein,
        NatureRendezVous,
        OrganismeReferent,
        TypeOrientation,
    )
    from partenaires import models as am
    from partenaires.models.structures import NaturePartenaire

    mdds = list(MDD.objects.order_by("pk"))
    communes_par_mdd = {}
    for c in Commune.objects.all():
        communes_par_mdd.setdefault(c.mdd_id, []).append(c.pk)
    limoges = Commune.objects.get(code_insee="87085").pk
    sites = list(Site.objects.values_list("pk", flat=True))
    territoires = list(Territoire.objects.values_list("pk", flat=True))
    objectifs = list(Objectif.objects.values_list("pk", "thematique_id"))
    poids_mdd = [3 if m.code.startswith("LIM-") else 1 for m in mdds]

    comptes = {}
    with transaction.atomic(), connection.cursor() as cur:
        # Agents: 16 per MDD (15 référents de parcours + 1 responsable), 20 chargés d'orientation,
        # 10 référents thématiques, 5 administrateurs: about 500 people at work.
        users = Copieur(cur, User)
        user_mdds = Copieur(cur, User.mdds.through)
        uid = _next_id(cur, User)
        agents_par_mdd = {}
        link = _next_id(cur, User.mdds.through)
        for m in mdds:
            for i in range(16):
                role = Role.RESPONSABLE_MDD if i == 0 else Role.TRAVAILLEUR_SOCIAL
                users.ajouter(
                    id=uid,
                    email=f"agent{uid}@echelle.pacte.fr",
                    password="!",
                    role=role,
                    first_name="Agent",
                    last_name=f"{m.code}-{i}",
                    is_active=True,
                    is_staff=False,
                    is_superuser=False,
                    date_joined=MAINTENANT,
                    partenaire_id=None,
                    last_login=None,
                )
                user_mdds.ajouter(id=link, user_id=uid, mdd_id=m.pk)
                link += 1
                agents_par_mdd.setdefault(m.pk, []).append(uid)
                uid += 1
        charges = []
        for role, nombre in ((Role.CHARGE_ORIENTATION, 20), (Role.REFERENT_THEMATIQUE, 10), (Role.ADMINISTRATEUR, 5)):
            for i in range(nombre):
                users.ajouter(
                    id=uid,
                    email=f"agent{uid}@echelle.pacte.fr",
                    password="!",
                    role=role,
                    first_name="Agent",
                    last_name=f"{role}-{i}",
                    is_active=True,
                    is_staff=False,
                    is_superuser=False,
                    date_joined=MAINTENANT,
                    partenaire_id=None,
                    last_login=None,
                )
                if role == Role.CHARGE_ORIENTATION:
                    charges.append(uid)
                uid += 1
        users.vider()
        user_mdds.vider()
        comptes["pacte_user (agents)"] = users.total

        # Partners, fundings, payments.
        partenaires = Copieur(cur, am.Partenaire)
        financements = Copieur(cur, am.Financement)
        versements = Copieur(cur, am.Versement)
        natures = list(NaturePartenaire.values)
        types_fin = ["appel_a_projets", "accord_cadre", "convention", "marche"]
        pid, fid, vid = _next_id(cur, am.Partenaire), _next_id(cur, am.Financement), _next_id(cur, am.Versement)
        fin_par_partenaire = {}
        sirets = set()
        for i in range(600):
            siret = _siret(rng)
            while siret in sirets:
                siret = _siret(rng)
            sirets.add(siret)
            partenaires.ajouter(
                id=pid,
                siret=siret,
                raison_sociale=f"Structure d'insertion {i + 1}",
                nature=natures[i % len(natures)],
                adresse="",
                commune_id=None,
                site_web="",
            )
            for _ in range(rng.choice((2, 2, 3))):
                debut = _date(rng, DEBUT, FIN - datetime.timedelta(days=365))
                montant = rng.randrange(10_000, 400_000)
                financements.ajouter(
                    id=fid,
                    partenaire_id=pid,
                    type=rng.choice(types_fin),
                    reference=f"FIN-{fid:06d}",
                    intitule=f"Financement {fid}",
                    date_debut=debut,
                    date_fin=debut + datetime.timedelta(days=rng.choice((365, 730, 1095))),
                    montant_conventionne=montant,
                )
                versements.ajouter(
                    id=vid, financement_id=fid, nature="avance", date=debut, montant=round(montant * 0.5, 2)
                )
                vid += 1
                versements.ajouter(
                    id=vid,
                    financement_id=fid,
                    nature="solde",
                    date=debut + datetime.timedelta(days=300),
                    montant=round(montant * rng.uniform(0.3, 0.5), 2),
                )
                vid += 1
                fin_par_partenaire.setdefault(pid, []).append((fid, debut))
                fid += 1
            pid += 1
        for c in (partenaires, financements, versements):
            c.vider()
            comptes[c.table] = c.total

        # Actions with their territories, sites, objectives, results and ajustements.
        actions = Copieur(cur, am.Action)
        a_terr = Copieur(cur, am.Action.territoires.through)
        a_sites = Copieur(cur, am.Action.sites.through)
        obj_actions = Copieur(cur, am.ObjectifAction)
        resultats = Copieur(cur, am.ResultatAction)
        ajustements = Copieur(cur, am.Ajustement)
        aid = _next_id(cur, am.Action)
        ids = {c: _next_id(cur, c.model) for c in (a_terr, a_sites, obj_actions, resultats, ajustements)}
        referent = charges[0]
        actions_liste = []
        partenaire_ids = list(fin_par_partenaire)
        for i in range(3000):
            partenaire_id = partenaire_ids[i % len(partenaire_ids)]
            financement_id, debut = rng.choice(fin_par_partenaire[partenaire_id])
            fin = debut + datetime.timedelta(days=rng.choice((365, 730, 1095)))
            objectif_id, thematique_id = rng.choice(objectifs)
            places = rng.randrange(8, 41)
            statut = "terminee" if fin < FIN else "ouverte"
            actions.ajouter(
                id=aid,
                intitule=f"Action {i + 1} : accompagnement vers l'emploi",
                description="",
                thematique_id=thematique_id,
                objectif_id=objectif_id,
                partenaire_id=partenaire_id,
                financement_id=financement_id,
                date_debut=debut,
                date_fin=fin,
                statut=statut,
                places=places,
                public_cible="Bénéficiaires du RSA",
            )
            a_terr.ajouter(id=ids[a_terr], action_id=aid, territoire_id=rng.choice(territoires))
            ids[a_terr] += 1
            a_sites.ajouter(id=ids[a_sites], action_id=aid, site_id=rng.choice(sites))
            ids[a_sites] += 1
            for indicateur, cible in (("participants", places * 2), ("sorties_emploi_durable", places // 3)):
                obj_actions.ajouter(id=ids[obj_actions], action_id=aid, indicateur=indicateur, valeur_cible=cible)
                ids[obj_actions] += 1
            periode = debut
            while periode + datetime.timedelta(days=181) <= min(fin, FIN):
                participants = rng.randrange(0, places + 1)
                emploi = rng.randrange(0, participants // 3 + 1)
                resultats.ajouter(
                    id=ids[resultats],
                    action_id=aid,
                    periode_debut=periode,
                    periode_fin=periode + datetime.timedelta(days=181),
                    participants=participants,
                    heures=participants * rng.randrange(20, 120),
                    sorties_emploi_durable=emploi,
                    sorties_emploi_transition=0,
                    sorties_iae=0,
                    sorties_formation=0,
                    sorties_creation_entreprise=0,
                    sorties_fin_de_droits=0,
                    sorties_demenagement=0,
                    sorties_autre=0,
                    source="referent",
                    saisi_par_id=referent,
                )
                ids[resultats] += 1
                periode += datetime.timedelta(days=182)
            for _ in range(2):
                ajustements.ajouter(
                    id=ids[ajustements],
                    action_id=aid,
                    date=_date(rng, debut, min(fin, FIN)),
                    auteur_id=referent,
                    objet="Point d'étape avec le partenaire",
                    decision="Maintien des objectifs.",
                    effet="aucun",
                    valeur_avant={},
                    valeur_apres={},
                    decision_reunion_id=None,
                )
                ids[ajustements] += 1
            actions_liste.append((aid, debut, fin))
            aid += 1
        for c in (actions, a_terr, a_sites, obj_actions, resultats, ajustements):
            c.vider()
            comptes[c.table] = c.total
        actions_liste.sort(key=lambda a: a[1])

        # Beneficiaries, their pathways and the events of each pathway.
        copieurs = {
            name: Copieur(cur, model)
            for name, model in (
                ("benef", pm.Beneficiaire),
                ("parcours", pm.Parcours),
                ("orientation", pm.Orientation),
                ("changement", pm.ChangementReferent),
                ("contrat", pm.ContratEngagement),
                ("frein", pm.Frein),
                ("rdv", pm.RendezVous),
                ("note", pm.Note),
                ("prescription", pm.Prescription),
                ("sortie", pm.Sortie),
                ("transfert", pm.Transfert),
            )
        }
        nid = {name: _next_id(cur, c.model) for name, c in copieurs.items()}
        types_orientation = (
            [TypeOrientation.PROFESSIONNELLE] * 9
            + [TypeOrientation.SOCIO_PROFESSIONNELLE] * 6
            + [TypeOrientation.SOCIALE] * 5
        )
        organisme = {
            TypeOrientation.PROFESSIONNELLE: [OrganismeReferent.FRANCE_TRAVAIL] * 8
            + [OrganismeReferent.CAP_EMPLOI, OrganismeReferent.MISSION_LOCALE],
            TypeOrientation.SOCIO_PROFESSIONNELLE: [OrganismeReferent.DEPARTEMENT, OrganismeReferent.ASSOCIATION],
            TypeOrientation.SOCIALE: [OrganismeReferent.DEPARTEMENT] * 4 + [OrganismeReferent.CCAS],
        }
        sorties = list(TypeSortie.values)
        freins = list(CategorieFrein.values)
        natures_rdv = list(NatureRendezVous.values)
        presences = ["present"] * 7 + ["absent_excuse", "absent_non_excuse", "absent_non_excuse"]
        prenoms = [
            "Camille",
            "Léa",
            "Nathalie",
            "Sophie",
            "Julien",
            "Karim",
            "Thomas",
            "Inès",
            "Hugo",
            "Chloé",
            "Yanis",
            "Manon",
        ]
        noms = [
            "Martin",
            "Bernard",
            "Dubois",
            "Thomas",
            "Robert",
            "Richard",
            "Petit",
            "Durand",
            "Leroy",
            "Moreau",
            "Simon",
            "Laurent",
            "Lefèvre",
            "Michel",
            "Garcia",
            "Fournier",
            "Mercier",
            "Dupuy",
            "Lacroix",
            "Vergnaud",
        ]
        nb = int(200_000 * echelle)
        jour = datetime.timedelta(days=1)
        for i in range(nb):
            mdd = rng.choices(mdds, weights=poids_mdd)[0]
            nom, prenom = rng.choice(noms), rng.choice(prenoms)
            bid = nid["benef"]
            nom_recherche = f"{nom} {prenom}".lower().replace("è", "e").replace("é", "e")
            copieurs["benef"].ajouter(
                id=bid,
                organisme_payeur="caf" if i % 20 else "msa",
                numero_allocataire=f"{1_000_000 + i:07d}",
                qualite="demandeur",
                nom=nom,
                prenom=prenom,
                nom_recherche=nom_recherche,
                date_naissance=datetime.date(1960 + rng.randrange(45), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                sexe=rng.choice("FM"),
                commune_id=rng.choice(communes_par_mdd.get(mdd.pk, [limoges])),
                adresse="",
                telephone="",
                email="",
                anonymise_le=None,
            )
            nid["benef"] += 1
            nombre_parcours = 2 if rng.random() < 0.1 else 1
            entree = _date(rng, DEBUT, FIN - 30 * jour)
            for k in range(nombre_parcours):
                dernier = k == nombre_parcours - 1
                ouvert = dernier and rng.random() < 0.45
                sortie = None if ouvert else _date(rng, entree + 60 * jour, min(FIN, entree + 1500 * jour))
                if sortie is not None and sortie > FIN:
                    sortie = FIN
                fin_vie = sortie or FIN
                agents = agents_par_mdd[mdd.pk]
                referent = rng.choice(agents)
                par = nid["parcours"]
                # Orientation(s).
                orientation_id = premiere_orientation = premier_contrat = None
                if not (ouvert and entree > FIN - 45 * jour and rng.random() < 0.6):
                    date_o = min(entree + rng.randrange(5, 90) * jour, fin_vie)
                    for _ in range(2 if rng.random() < 0.12 else 1):
                        t = rng.choice(types_orientation)
                        copieurs["orientation"].ajouter(
                            id=nid["orientation"],
                            parcours_id=par,
                            created_by_id=None,
                            type=t,
                            organisme_referent=rng.choice(organisme[t]),
                            date_decision=date_o,
                            decidee_par_id=rng.choice(charges),
                            motif="",
                        )
                        orientation_id = nid["orientation"]
                        nid["orientation"] += 1
                        premiere_orientation = premiere_orientation or date_o
                        date_o = min(date_o + rng.randrange(60, 400) * jour, fin_vie)
                # Contracts.
                contrat_id = None
                debut_c = entree + rng.randrange(20, 120) * jour
                for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                    if debut_c >= fin_vie:
                        break
                    fin_c = debut_c + rng.choice((182, 365)) * jour
                    etat = "signe" if fin_c >= FIN else rng.choice(("echu", "echu", "echu", "resilie"))
                    if rng.random() < 0.05:
                        etat = "brouillon"
                    copieurs["contrat"].ajouter(
                        id=nid["contrat"],
                        parcours_id=par,
                        created_by_id=referent,
                        date_debut=debut_c,
                        date_fin=fin_c,
                        objectifs="Reprendre une activité",
                        heures_hebdomadaires=rng.choice((15, 15, 10, 20)),
                        date_signature=None if etat == "brouillon" else debut_c,
                        etat=etat,
                        motif_duree="",
                        date_resiliation=None,
                        motif_resiliation="",
                    )
                    contrat_id = nid["contrat"]
                    nid["contrat"] += 1
                    if etat != "brouillon":
                        premier_contrat = premier_contrat or debut_c
                    debut_c = fin_c + jour
                for _ in range(rng.choice((0, 1, 1, 2, 3))):
                    ident = _date(rng, entree, fin_vie)
                    copieurs["frein"].ajouter(
                        id=nid["frein"],
                        parcours_id=par,
                        created_by_id=referent,
                        categorie=rng.choice(freins),
                        date_identification=ident,
                        date_levee=_date(rng, ident, fin_vie) if rng.random() < 0.5 else None,
                        commentaire="",
                    )
                    nid["frein"] += 1
                for _ in range(rng.randrange(0, 9)):
                    d = _date(rng, entree, fin_vie)
                    copieurs["rdv"].ajouter(
                        id=nid["rdv"],
                        parcours_id=par,
                        created_by_id=referent,
                        date=datetime.datetime.combine(d, datetime.time(9 + rng.randrange(8)), tzinfo=datetime.UTC),
                        nature=rng.choice(natures_rdv),
                        presence=rng.choice(presences),
                        avec_id=referent,
                        objet="",
                    )
                    nid["rdv"] += 1
                for _ in range(rng.choice((0, 1, 1, 2))):
                    copieurs["note"].ajouter(
                        id=nid["note"],
                        parcours_id=par,
                        created_by_id=referent,
                        date=_date(rng, entree, fin_vie),
                        texte="Entretien de suivi.",
                    )
                    nid["note"] += 1
                if rng.random() < 0.12:
                    referent2 = rng.choice(agents)
                    copieurs["changement"].ajouter(
                        id=nid["changement"],
                        parcours_id=par,
                        created_by_id=referent,
                        ancien_id=referent,
                        nouveau_id=referent2,
                        date=_date(rng, entree, fin_vie),
                        motif="",
                    )
                    nid["changement"] += 1
                    referent = referent2
                if rng.random() < 0.6:
                    proposition = _date(rng, entree, fin_vie)
                    action = _action_ouverte(actions_liste, proposition, rng)
                    if action:
                        etat = rng.choice(("proposee", "acceptee", "refusee", "entree", "entree", "sortie", "abandon"))
                        d_entree = proposition + 10 * jour if etat in ("entree", "sortie", "abandon") else None
                        d_sortie = d_entree + 60 * jour if etat == "sortie" and d_entree else None
                        copieurs["prescription"].ajouter(
                            id=nid["prescription"],
                            parcours_id=par,
                            action_id=action,
                            prescripteur_id=referent,
                            etat=etat,
                            date_proposition=proposition,
                            date_entree=d_entree,
                            date_sortie=d_sortie,
                            type_sortie=rng.choice(sorties) if d_sortie else "",
                            motif="",
                            motif_hors_capacite="",
                        )
                        nid["prescription"] += 1
                if rng.random() < 0.04:
                    autre = rng.choice([m for m in mdds if m.pk != mdd.pk])
                    copieurs["transfert"].ajouter(
                        id=nid["transfert"],
                        parcours_id=par,
                        created_by_id=referent,
                        date=_date(rng, entree, fin_vie),
                        mdd_origine_id=mdd.pk,
                        mdd_destination_id=autre.pk,
                        referent_avant_id=referent,
                        motif="",
                    )
                    nid["transfert"] += 1
                    mdd = autre
                    referent = rng.choice(agents_par_mdd[mdd.pk])
                if sortie is not None:
                    copieurs["sortie"].ajouter(
                        id=nid["sortie"],
                        parcours_id=par,
                        created_by_id=referent,
                        date=sortie,
                        type=rng.choice(sorties),
                        commentaire="",
                    )
                    nid["sortie"] += 1
                # FK constraints are deferred to the commit: the pointers may name events written after.
                copieurs["parcours"].ajouter(
                    id=par,
                    beneficiaire_id=bid,
                    mdd_id=mdd.pk,
                    referent_id=referent,
                    date_ouverture_droit=entree - rng.randrange(0, 40) * jour,
                    date_entree=entree,
                    date_sortie=sortie,
                    orientation_courante_id=orientation_id,
                    contrat_courant_id=contrat_id,
                    date_premiere_orientation=premiere_orientation,
                    date_premier_contrat=premier_contrat,
                    nom_tri=nom_recherche,
                    version=1,
                    modifie_par_id=None,
                )
                nid["parcours"] += 1
                entree = (sortie or FIN) + rng.randrange(30, 400) * jour
                if entree >= FIN - 30 * jour:
                    break
        for c in copieurs.values():
            c.vider()
            comptes[c.table] = c.total
        _reset_sequences(cur)
    with connection.cursor() as cur:
        # VACUUM as well as ANALYZE: autovacuum may be off on the bench server, and without the visibility map
        # PostgreSQL cannot use index-only scans (a production database is vacuumed by autovacuum).
        cur.execute("VACUUM (ANALYZE)")
    return comptes


def _action_ouverte(actions_liste, date, rng):
    for _ in range(8):
        aid, debut, fin = actions_liste[rng.randrange(len(actions_liste))]
        if debut <= date <= fin:
            return aid
    return None


def _next_id(cur, model):
    cur.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')
    return cur.fetchone()[0]


def _reset_sequences(cur):
    from django.apps import apps

    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if model._meta.pk.column != "id":
            continue
        cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", [f'"{table}"'])
        row = cur.fetchone()
        if row and row[0]:
            cur.execute(f'SELECT setval(%s, COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)', [row[0]])


if __name__ == "__main__":
    main()
