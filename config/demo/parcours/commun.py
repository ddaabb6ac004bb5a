"""Constants and small helpers shared by the demo pathway generator."""

import contextlib
import datetime
import zoneinfo

from django.conf import settings

from pacte.choices import TypeSortie
from parcours.choices import (
    CategorieFrein,
    OrganismeReferent,
    TypeOrientation,
)

DEBUT = datetime.date(2021, 1, 4)
FUSEAU = zoneinfo.ZoneInfo(settings.TIME_ZONE)
MOT_DE_PASSE_INUTILISABLE = "!compte-de-demonstration-sans-connexion"
LOT = 1000

ORGANISMES = {
    TypeOrientation.PROFESSIONNELLE: [
        (OrganismeReferent.FRANCE_TRAVAIL, 8),
        (OrganismeReferent.CAP_EMPLOI, 1),
        (OrganismeReferent.MISSION_LOCALE, 2),
    ],
    TypeOrientation.SOCIO_PROFESSIONNELLE: [(OrganismeReferent.DEPARTEMENT, 5), (OrganismeReferent.ASSOCIATION, 2)],
    TypeOrientation.SOCIALE: [
        (OrganismeReferent.DEPARTEMENT, 7),
        (OrganismeReferent.CCAS, 2),
        (OrganismeReferent.ASSOCIATION, 1),
    ],
}
FREINS = [
    (CategorieFrein.MOBILITE, 9),
    (CategorieFrein.LOGEMENT, 6),
    (CategorieFrein.SANTE, 5),
    (CategorieFrein.GARDE_ENFANTS, 4),
    (CategorieFrein.FRANCAIS, 2),
    (CategorieFrein.NUMERIQUE, 6),
    (CategorieFrein.FINANCES, 5),
    (CategorieFrein.DEMARCHES, 4),
    (CategorieFrein.JUSTICE, 1),
]
SORTIES = [
    (TypeSortie.EMPLOI_DURABLE, 6),
    (TypeSortie.EMPLOI_TRANSITION, 6),
    (TypeSortie.IAE, 3),
    (TypeSortie.FORMATION, 3),
    (TypeSortie.CREATION_ENTREPRISE, 1),
    (TypeSortie.FIN_DE_DROITS, 4),
    (TypeSortie.DEMENAGEMENT, 3),
    (TypeSortie.AUTRE, 2),
]
OBJECTIFS = [
    "Construire un projet professionnel dans l'aide à la personne.",
    "Obtenir le permis de conduire et rechercher un emploi dans la logistique.",
    "Suivre une formation qualifiante en maçonnerie.",
    "Stabiliser la situation de logement puis reprendre une activité.",
    "Apprendre le français à visée professionnelle.",
    "Rechercher un emploi dans la restauration, 20 heures par semaine.",
    "Accéder à un chantier d'insertion puis à un emploi durable.",
    "Régulariser la situation administrative et ouvrir les droits santé.",
    "Créer une micro-entreprise de services à domicile.",
    "Reprendre confiance et participer aux ateliers collectifs.",
]
NOTES = [
    "Entretien de suivi : démarches engagées, prochaine étape fixée.",
    "Point sur la recherche d'emploi : deux candidatures envoyées.",
    "Appel téléphonique : la personne confirme sa présence à l'atelier.",
    "Dossier de demande d'aide à la mobilité transmis.",
    "Bilan à mi-parcours du contrat d'engagement.",
    "Orientation vers l'atelier numérique de la MDD.",
    "Échange avec le partenaire sur l'entrée en action.",
]
MOTIFS_REORIENTATION = [
    "Projet professionnel construit : passage vers un accompagnement emploi.",
    "Difficultés sociales à lever avant la recherche d'emploi.",
    "Demande de la personne après l'équipe pluridisciplinaire.",
]


def _poids(rng, options):
    valeurs, poids = zip(*options, strict=True)
    return rng.choices(valeurs, weights=poids)[0]


def _jour(rng, debut, fin):
    if fin <= debut:
        return debut
    return debut + datetime.timedelta(days=rng.randint(0, (fin - debut).days))


def _moment(jour, heure, minute=0):
    return datetime.datetime.combine(jour, datetime.time(heure, minute), tzinfo=FUSEAU)


def _ajouter_mois(jour, mois):
    annee, index = divmod(jour.month - 1 + mois, 12)
    return jour.replace(year=jour.year + annee, month=index + 1, day=min(jour.day, 28))


@contextlib.contextmanager
def _horodatage_simule(*modeles):
    """bulk_create keeps the simulated created_at / date values instead of stamping the generation time."""
    champs = [
        f
        for m in modeles
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    etats = [(f, f.auto_now, f.auto_now_add) for f in champs]
    for f in champs:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in etats:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
