"""Partners, titles and small helpers shared by the partner-side demo."""

from __future__ import annotations

from decimal import Decimal

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
