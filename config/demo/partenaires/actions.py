"""Partners, their contacts, fundings and actions."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from pacte.models import Commune, Objectif, Site, Territoire, Thematique
from partenaires.models import (
    Action,
    Cofinancement,
    ContactPartenaire,
    Financement,
    ObjectifAction,
    Partenaire,
    Versement,
)
from partenaires.models.actions import StatutAction
from partenaires.models.financements import TypeFinancement

from .commun import INDICATEURS_SORTIE, INTITULES, PARTENAIRES, _montant, _siret
from .groupes import _generer_groupes


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
