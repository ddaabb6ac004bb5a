"""Demo data of the partner side: partners, fundings, ~120 actions, working groups; then results and ajustements.

Deterministic (ctx.rng / ctx.faker only) and fast (bulk_create). `generer` runs before the parcours demo,
`completer` after it (results are derived from the prescriptions the parcours demo created).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from pacte.models import Commune, Objectif, Role, Site, Territoire, Thematique
from parcours.models import Prescription
from partenaires.models import (
    Action,
    Ajustement,
    Cofinancement,
    ContactPartenaire,
    DecisionReunion,
    Financement,
    GroupeTravail,
    MembreGroupe,
    ObjectifAction,
    Partenaire,
    ResultatAction,
    ReunionGroupe,
    Versement,
)
from partenaires.models.actions import SORTIE_FIELDS, StatutAction
from partenaires.models.financements import TypeFinancement
from partenaires.models.structures import NaturePartenaire
from partenaires.validators import SIREN_LA_POSTE, siret_valide

N = NaturePartenaire
# Fictitious structures with Haute-Vienne place names; the first one is the demo partner's.
PARTENAIRES = [
    ("Association Limousin Insertion Emploi", N.ASSOCIATION),
    ("Les Jardins de la Briance (ACI)", N.SIAE_ACI),
    ("Chantier d'insertion Vienne-Glane Environnement", N.SIAE_ACI),
    ("Atelier bois des Monts d'Ambazac", N.SIAE_ACI),
    ("Recyclerie du Val de Vienne", N.SIAE_EI),
    ("Porcelaine Solidaire de Limoges", N.SIAE_EI),
    ("Intérim Solidaire 87", N.SIAE_ETTI),
    ("Tremplin Travail Temporaire Limousin", N.SIAE_ETTI),
    ("Services Partagés du Haut-Limousin", N.SIAE_AI),
    ("Gartempe Multi-Services", N.SIAE_AI),
    ("Institut de formation Limousin Compétences", N.ORGANISME_FORMATION),
    ("Centre de formation du Pays de Saint-Yrieix", N.ORGANISME_FORMATION),
    ("École de la deuxième chance de la Haute-Vienne", N.ORGANISME_FORMATION),
    ("CCAS de Saint-Junien", N.COLLECTIVITE),
    ("CCAS de Panazol", N.COLLECTIVITE),
    ("Communauté de communes Briance Combade", N.COLLECTIVITE),
    ("Transports du Pays de Bellac", N.ENTREPRISE),
    ("Boulangeries coopératives de l'Aurence", N.ENTREPRISE),
    ("Limousin Bâtiment Rénovation", N.ENTREPRISE),
    ("Mission locale rurale de la Haute-Vienne", N.SERVICE_PUBLIC),
    ("Plateforme mobilité du Limousin", N.ASSOCIATION),
    ("Maison des familles de Beaubreuil", N.ASSOCIATION),
    ("Espace numérique solidaire de Couzeix", N.ASSOCIATION),
    ("Association Logement Jeunes du Val de Vienne", N.ASSOCIATION),
    ("Réseau santé insertion Haute-Vienne", N.ASSOCIATION),
    ("Parrainage Emploi Limousin", N.ASSOCIATION),
]

INTITULES = {
    1: [
        "Diagnostic socio-professionnel des nouveaux entrants",
        "Plateforme d'orientation partagée",
        "Repérage des publics invisibles en milieu rural",
        "Bilan de compétences express",
    ],
    2: [
        "Accompagnement global renforcé",
        "Levée des freins à la mobilité",
        "Accompagnement vers le logement",
        "Santé et insertion : parcours coordonné",
        "Garde d'enfants pour parents en parcours",
    ],
    3: [
        "Remise à niveau savoirs de base",
        "Français langue d'insertion",
        "Chantier d'insertion espaces verts",
        "Préqualification métiers du soin",
        "Permis de conduire solidaire",
    ],
    4: [
        "Parrainage vers l'emploi",
        "Job dating des entreprises du territoire",
        "Immersions en entreprise",
        "Clauses sociales des marchés publics",
        "Mises en situation de travail en intérim d'insertion",
    ],
    5: [
        "Ateliers numériques pour l'autonomie",
        "Groupe de parole des personnes accompagnées",
        "Budget et prévention du surendettement",
        "Accès aux droits et démarches en ligne",
    ],
}

INDICATEURS_SORTIE = ["sorties_emploi_durable", "sorties_emploi_transition", "sorties_iae", "sorties_formation"]


def _siret(rng, deja: set) -> str:
    while True:
        base = "".join(str(rng.randint(0, 9)) for _ in range(13))
        if base[0] == "0" or base.startswith(SIREN_LA_POSTE):
            continue
        for cle in "0123456789":
            candidat = base + cle
            if siret_valide(candidat) and candidat not in deja:
                deja.add(candidat)
                return candidat


def _montant(rng, minimum: int, maximum: int) -> Decimal:
    return Decimal(rng.randrange(minimum, maximum, 500))


def generer(ctx) -> None:
    rng, faker = ctx.rng, ctx.faker
    annee = ctx.aujourdhui.year
    communes = list(Commune.objects.order_by("code_insee"))
    thematiques = list(Thematique.objects.order_by("numero"))
    objectifs_par_thematique = defaultdict(list)
    for objectif in Objectif.objects.order_by("code"):
        objectifs_par_thematique[objectif.thematique_id].append(objectif)
    territoires = list(Territoire.objects.order_by("code"))
    sites = list(Site.objects.select_related("mdd").order_by("pk"))

    # Partners, with one or two contacts each.
    sirets: set = set(Partenaire.objects.values_list("siret", flat=True))
    partenaires = Partenaire.objects.bulk_create(
        [
            Partenaire(
                siret=_siret(rng, sirets),
                raison_sociale=nom,
                nature=nature,
                adresse=faker.street_address(),
                commune=rng.choice(communes) if communes else None,
                site_web=f"https://www.{''.join(c for c in nom.lower() if c.isalnum())[:24]}.fr",
            )
            for nom, nature in PARTENAIRES
        ]
    )
    ContactPartenaire.objects.bulk_create(
        [
            ContactPartenaire(
                partenaire=partenaire,
                nom=faker.name(),
                fonction=rng.choice(["Directrice", "Directeur", "Chargée d'insertion", "Coordinateur"]),
                email=f"contact{index}.{numero}@partenaire-demo.fr",
                telephone=f"05 55 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            )
            for index, partenaire in enumerate(partenaires)
            for numero in range(rng.randint(1, 2))
        ]
    )

    # Fundings: every kind, per partner, over 2021 → next year, with co-funders and payments.
    types = list(TypeFinancement.values)
    financements = []
    for index, partenaire in enumerate(partenaires):
        for numero in range(2 if index % 3 else 3):
            debut = datetime.date(2021 + (index + numero * 2) % (annee + 1 - 2021 + 1), 1, 1)
            fin = datetime.date(min(debut.year + rng.randint(1, 3), annee + 1), 12, 31)
            type_ = types[(index + numero) % len(types)]
            financements.append(
                Financement(
                    partenaire=partenaire,
                    type=type_,
                    reference=f"{type_[:4].upper()}-{debut.year}-{index:02d}{numero}",
                    intitule=f"{TypeFinancement(type_).label} {debut.year}-{fin.year} — {partenaire.raison_sociale}",
                    date_debut=debut,
                    date_fin=fin,
                    montant_conventionne=_montant(rng, 20000, 180000),
                )
            )
    financements = Financement.objects.bulk_create(financements)
    cofinancements, versements = [], []
    financeurs = list(Cofinancement.Financeur.values)
    for index, financement in enumerate(financements):
        if index % 2 == 0:
            cofinancements.append(
                Cofinancement(
                    financement=financement,
                    financeur=financeurs[index % len(financeurs)],
                    libelle="Programme FSE+ Nouvelle-Aquitaine" if index % len(financeurs) == 0 else "",
                    montant=(financement.montant_conventionne * Decimal(rng.choice(["0.2", "0.3", "0.4"]))).quantize(
                        Decimal("1")
                    ),
                )
            )
        if financement.date_debut > ctx.aujourdhui:
            continue
        avance = (financement.montant_conventionne * Decimal("0.4")).quantize(Decimal("1"))
        versements.append(
            Versement(
                financement=financement,
                nature="avance",
                date=financement.date_debut + datetime.timedelta(days=45),
                montant=avance,
            )
        )
        if financement.date_fin < ctx.aujourdhui:
            versements.append(
                Versement(
                    financement=financement,
                    nature="solde",
                    date=min(financement.date_fin + datetime.timedelta(days=90), ctx.aujourdhui),
                    montant=financement.montant_conventionne - avance - Decimal(rng.randrange(0, 3000, 500)),
                )
            )
        elif (ctx.aujourdhui - financement.date_debut).days > 365:
            versements.append(
                Versement(
                    financement=financement,
                    nature="acompte",
                    date=financement.date_debut + datetime.timedelta(days=400),
                    montant=(financement.montant_conventionne * Decimal("0.3")).quantize(Decimal("1")),
                )
            )
    Cofinancement.objects.bulk_create(cofinancements)
    Versement.objects.bulk_create(versements)
    financements_par_partenaire = defaultdict(list)
    for financement in financements:
        financements_par_partenaire[financement.partenaire_id].append(financement)

    # ~120 actions: every thematic and objectif, 2021 → next year. The demo partner gets current
    # actions under the demo referent's thematics (1 and 4) so that both demo accounts meet.
    actions = []
    partenaire_demo = partenaires[0]
    for numero_action in range(120):
        thematique = thematiques[numero_action % len(thematiques)] if thematiques else None
        if thematique is None:
            break
        objectifs = objectifs_par_thematique[thematique.pk]
        objectif = objectifs[(numero_action // len(thematiques)) % len(objectifs)]
        if numero_action < 10 and thematique.numero in (1, 2, 4):
            partenaire = partenaire_demo
            debut = datetime.date(annee - 1, rng.choice([1, 7]), 1)
            fin = datetime.date(annee + 1, 12, 31)
        else:
            partenaire = partenaires[1 + rng.randrange(len(partenaires) - 1)]
            debut = datetime.date(rng.randint(2021, annee + 1), rng.choice([1, 1, 7, 9]), 1)
            fin = datetime.date(min(debut.year + rng.randint(0, 2), annee + 1), 12, 31)
            if fin <= debut:
                fin = datetime.date(debut.year + 1, 6, 30)
        if numero_action % 17 == 3:  # a few actions ending soon, for the alerts
            fin = max(
                ctx.aujourdhui + datetime.timedelta(days=rng.randint(10, 55)), debut + datetime.timedelta(days=90)
            )
        if fin < ctx.aujourdhui:
            statut = StatutAction.TERMINEE
        elif debut > ctx.aujourdhui:
            statut = StatutAction.EN_PREPARATION
        else:
            statut = StatutAction.SUSPENDUE if numero_action % 29 == 7 else StatutAction.OUVERTE
        gabarits = INTITULES.get(thematique.numero) or ["Action d'insertion"]
        intitule = f"{gabarits[numero_action % len(gabarits)]} — {debut.year}"
        if partenaire is not partenaire_demo:
            intitule += f" ({partenaire.raison_sociale.split(' (')[0][:40]})"
        possibles = financements_par_partenaire[partenaire.pk]
        couvrants = [f for f in possibles if f.date_debut <= debut <= f.date_fin] or possibles
        actions.append(
            Action(
                intitule=intitule[:200],
                description=(
                    f"{gabarits[numero_action % len(gabarits)]} portée par {partenaire.raison_sociale} "
                    f"pour les bénéficiaires du RSA. {faker.sentence(nb_words=12)}"
                ),
                thematique=thematique,
                objectif=objectif,
                partenaire=partenaire,
                financement=rng.choice(couvrants) if couvrants and numero_action % 11 else None,
                date_debut=debut,
                date_fin=fin,
                statut=statut,
                places=rng.choice([6, 8, 10, 12, 15, 20, 25, 30]),
                public_cible=rng.choice(
                    [
                        "Bénéficiaires du RSA orientés en parcours social ou socio-professionnel.",
                        "Personnes au RSA depuis plus de deux ans, sans emploi.",
                        "Jeunes allocataires de moins de 30 ans.",
                        "Parents isolés allocataires du RSA.",
                        "Bénéficiaires du RSA résidant en zone rurale, sans moyen de locomotion.",
                    ]
                ),
            )
        )
    actions = Action.objects.bulk_create(actions)

    liens_territoires, liens_sites, objectifs_actions = [], [], []
    for action in actions:
        choisis = rng.sample(territoires, k=min(len(territoires), rng.randint(1, 2))) if territoires else []
        liens_territoires += [Action.territoires.through(action_id=action.pk, territoire_id=t.pk) for t in choisis]
        sur_place = [s for s in sites if s.mdd.territoire_id in {t.pk for t in choisis}]
        liens_sites += [
            Action.sites.through(action_id=action.pk, site_id=s.pk)
            for s in rng.sample(sur_place, k=min(len(sur_place), rng.randint(0, 3)))
        ]
        duree_mois = max(1, (action.date_fin - action.date_debut).days // 30)
        objectifs_actions += [
            ObjectifAction(
                action=action, indicateur="participants", valeur_cible=int(action.places * max(1, duree_mois / 9))
            ),
            ObjectifAction(action=action, indicateur="heures", valeur_cible=action.places * rng.choice([40, 60, 120])),
            ObjectifAction(
                action=action,
                indicateur=rng.choice(INDICATEURS_SORTIE),
                valeur_cible=max(1, action.places // rng.choice([2, 3, 4])),
            ),
        ]
    Action.territoires.through.objects.bulk_create(liens_territoires)
    Action.sites.through.objects.bulk_create(liens_sites)
    ObjectifAction.objects.bulk_create(objectifs_actions)

    _generer_groupes(ctx, thematiques, partenaires, actions)
    ctx.donnees["partenaire_demo"] = partenaire_demo
    ctx.donnees["actions"] = actions


def _generer_groupes(ctx, thematiques, partenaires, actions) -> None:
    rng, faker = ctx.rng, ctx.faker
    referent = ctx.comptes.get(Role.REFERENT_THEMATIQUE.value) or ctx.comptes.get(Role.REFERENT_THEMATIQUE)
    groupes = []
    for thematique in thematiques:
        groupe, _ = GroupeTravail.objects.get_or_create(
            thematique=thematique, defaults={"nom": f"Groupe de travail « {thematique.intitule} »"[:200]}
        )
        groupes.append(groupe)
    partenaires_par_thematique = defaultdict(set)
    for action in actions:
        partenaires_par_thematique[action.thematique_id].add(action.partenaire_id)
    par_id = {p.pk: p for p in partenaires}
    membres = []
    for groupe in groupes:
        if referent is not None and referent.thematiques.filter(pk=groupe.thematique_id).exists():
            membres.append(
                MembreGroupe(
                    groupe=groupe,
                    utilisateur=referent,
                    nom=referent.get_full_name(),
                    structure="Département de la Haute-Vienne — référente thématique",
                )
            )
        for _ in range(2):
            membres.append(
                MembreGroupe(
                    groupe=groupe,
                    nom=faker.name(),
                    structure="Département de la Haute-Vienne — direction de l'insertion",
                )
            )
        for partenaire_id in sorted(partenaires_par_thematique[groupe.thematique_id])[:5]:
            membres.append(
                MembreGroupe(
                    groupe=groupe,
                    nom=faker.name(),
                    structure=par_id[partenaire_id].raison_sociale,
                    partenaire=par_id[partenaire_id],
                )
            )
    membres = MembreGroupe.objects.bulk_create(membres)
    membres_par_groupe = defaultdict(list)
    for membre in membres:
        membres_par_groupe[membre.groupe_id].append(membre)

    reunions = []
    for groupe in groupes:
        for annee in range(2022, ctx.aujourdhui.year + 1):
            for mois in (3, 6, 10):
                date = datetime.date(annee, mois, rng.randint(5, 25))
                if date > ctx.aujourdhui:
                    continue
                reunions.append(
                    ReunionGroupe(
                        groupe=groupe,
                        date=date,
                        ordre_du_jour=(
                            "1. Point sur l'occupation des actions\n2. Résultats du semestre\n"
                            "3. Ajustements proposés par les partenaires"
                        ),
                        compte_rendu=(
                            f"Les partenaires présentent les résultats du semestre. {faker.sentence(nb_words=14)} "
                            f"{faker.sentence(nb_words=10)}"
                        ),
                    )
                )
    reunions = ReunionGroupe.objects.bulk_create(reunions)
    participations, decisions = [], []
    for reunion in reunions:
        candidats = membres_par_groupe[reunion.groupe_id]
        for membre in rng.sample(candidats, k=max(1, len(candidats) * 2 // 3)):
            participations.append(
                ReunionGroupe.participants.through(reuniongroupe_id=reunion.pk, membregroupe_id=membre.pk)
            )
        for texte in rng.sample(
            [
                "Augmenter le nombre de places de l'action la plus demandée.",
                "Revoir à la baisse l'objectif de sorties en emploi durable, compte tenu du public.",
                "Prolonger l'action de six mois pour achever les parcours en cours.",
                "Renforcer la communication auprès des travailleurs sociaux des MDD.",
                "Ajuster le financement au nombre de participants réel.",
            ],
            k=rng.randint(1, 2),
        ):
            decisions.append(DecisionReunion(reunion=reunion, texte=texte))
    ReunionGroupe.participants.through.objects.bulk_create(participations)
    DecisionReunion.objects.bulk_create(decisions)


def _semestres(debut: datetime.date, fin: datetime.date, jusqu_au: datetime.date):
    """Half-years of [debut, fin] already finished on `jusqu_au`, clipped to the action's dates."""
    annee = debut.year
    while True:
        for s_debut, s_fin in (
            (datetime.date(annee, 1, 1), datetime.date(annee, 6, 30)),
            (datetime.date(annee, 7, 1), datetime.date(annee, 12, 31)),
        ):
            if s_fin < debut:
                continue
            if s_debut > fin or s_fin >= jusqu_au:
                return
            yield max(s_debut, debut), min(s_fin, fin)
        annee += 1


def completer(ctx) -> None:
    """Results per half-year, consistent with the prescriptions; ajustements, some from meeting decisions."""
    rng = ctx.rng
    actions = list(Action.objects.order_by("pk"))
    prescriptions = defaultdict(list)
    for action_id, date_entree, date_sortie, type_sortie in (
        Prescription.objects.filter(date_entree__isnull=False)
        .order_by("pk")
        .values_list("action_id", "date_entree", "date_sortie", "type_sortie")
    ):
        prescriptions[action_id].append((date_entree, date_sortie, type_sortie))

    resultats = []
    for action in actions:
        periodes = list(_semestres(action.date_debut, action.date_fin, ctx.aujourdhui))
        for index, (debut, fin) in enumerate(periodes):
            # Leave the last period of a few running actions empty: the «results missing» alert.
            if index == len(periodes) - 1 and action.date_fin >= ctx.aujourdhui and action.pk % 6 == 0:
                continue
            presents = [p for p in prescriptions[action.pk] if p[0] <= fin and (p[1] is None or p[1] >= debut)]
            sorties = defaultdict(int)
            for _, date_sortie, type_sortie in presents:
                if date_sortie and debut <= date_sortie <= fin and type_sortie in SORTIE_FIELDS:
                    sorties[SORTIE_FIELDS[type_sortie]] += 1
            # People sent by other prescribers (France Travail, self-referral) add to the tool's own.
            hors_outil = rng.randint(0, max(1, action.places // 2))
            participants = len(presents) + hors_outil
            extra_sorties = rng.randint(0, hors_outil // 2) if hors_outil else 0
            if extra_sorties:
                sorties[rng.choice(list(SORTIE_FIELDS.values()))] += extra_sorties
            resultats.append(
                ResultatAction(
                    action=action,
                    periode_debut=debut,
                    periode_fin=fin,
                    participants=participants,
                    heures=participants * rng.randint(15, 90),
                    source=ResultatAction.Source.PARTENAIRE if rng.random() < 0.5 else ResultatAction.Source.REFERENT,
                    **sorties,
                )
            )
    ResultatAction.objects.bulk_create(resultats, batch_size=500)

    referent = ctx.comptes.get(Role.REFERENT_THEMATIQUE.value)
    administrateur = ctx.comptes.get(Role.ADMINISTRATEUR.value)
    auteurs = [u for u in (referent, administrateur) if u is not None]
    if not auteurs:
        return
    decisions_par_thematique = defaultdict(list)
    for decision in DecisionReunion.objects.select_related("reunion__groupe").order_by("reunion__date", "pk"):
        decisions_par_thematique[decision.reunion.groupe.thematique_id].append(decision)
    objectifs = {(o.action_id, o.indicateur): o for o in ObjectifAction.objects.all()}
    ajustements, actions_modifiees, objectifs_modifies = [], [], []
    for action in actions:
        if action.date_debut > ctx.aujourdhui or rng.random() > 0.45:
            continue
        for _ in range(rng.randint(1, 3)):
            date = action.date_debut + datetime.timedelta(days=rng.randint(60, 300))
            if date > min(ctx.aujourdhui, action.date_fin):
                continue
            decisions = [d for d in decisions_par_thematique[action.thematique_id] if d.reunion.date <= date]
            decision_reunion = decisions[-1] if decisions and rng.random() < 0.5 else None
            effet = rng.choice(["aucun", "aucun", "places", "objectifs"])
            avant, apres, objet, texte = (
                {},
                {},
                "Point d'étape avec le partenaire",
                "Maintien des modalités de l'action.",
            )
            if effet == "places":
                nouvelles = action.places + rng.choice([-2, 2, 4])
                avant, apres = {"places": action.places}, {"places": nouvelles}
                objet, texte = "Capacité d'accueil", f"Le nombre de places passe de {action.places} à {nouvelles}."
                action.places = nouvelles
                actions_modifiees.append(action)
            elif effet == "objectifs":
                objectif = objectifs.get((action.pk, "participants"))
                if objectif is None:
                    effet = "aucun"
                else:
                    nouvelle = max(1, objectif.valeur_cible + rng.choice([-4, -2, 3, 5]))
                    avant, apres = {"participants": objectif.valeur_cible}, {"participants": nouvelle}
                    objet, texte = (
                        "Objectif de participants",
                        f"L'objectif passe de {objectif.valeur_cible} à {nouvelle} participants.",
                    )
                    objectif.valeur_cible = nouvelle
                    objectifs_modifies.append(objectif)
            ajustements.append(
                Ajustement(
                    action=action,
                    date=date,
                    auteur=rng.choice(auteurs),
                    objet=objet,
                    decision=texte,
                    effet=effet,
                    valeur_avant=avant,
                    valeur_apres=apres,
                    decision_reunion=decision_reunion,
                )
            )
    Ajustement.objects.bulk_create(ajustements)
    Action.objects.bulk_update(actions_modifiees, ["places"])
    ObjectifAction.objects.bulk_update(objectifs_modifies, ["valeur_cible"])
