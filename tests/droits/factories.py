import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from droits.ep import enregistrer_presences
from droits.manquements import informer, ouvrir_manquement
from droits.models import Delegation, MembreEP, SeanceEP
from pacte.models import BaremeDroitsDevoirs
from tests.pacte.factories import TerritoireFactory, UserFactory


class BaremeFactory(DjangoModelFactory):
    """The Haute-Vienne scale of the référentiel file, from 1 June 2025 (décret n° 2025-478)."""

    class Meta:
        model = BaremeDroitsDevoirs
        django_get_or_create = ("date_effet",)

    date_effet = datetime.date(2025, 6, 1)
    taux_min = 30
    taux_max = 100
    duree_min_mois = 1
    duree_max_mois = 2
    duree_max_reiteration_mois = 4
    delai_reiteration_mois = 12
    plafond_foyer_plusieurs = 50
    delai_observations_jours = 30
    avis_ep_suspension = True
    quorum_ep = 3
    roles_delegataires = factory.LazyFunction(lambda: ["responsable_mdd", "administrateur"])
    heures_hebdomadaires_cible = Decimal(15)
    duree_rendez_vous_heures = Decimal("1.5")
    alerte_semaines = 3
    alerte_seuil_pourcentage = 50
    tribunal_administratif = "Tribunal administratif de Limoges, 1 cours Vergniaud, 87000 Limoges"


class DelegationFactory(DjangoModelFactory):
    class Meta:
        model = Delegation

    utilisateur = factory.SubFactory(UserFactory, responsable_mdd=True)
    arrete = factory.Sequence(lambda n: f"ARR-2025-{n:03d}")
    date_debut = datetime.date(2025, 1, 1)


class SeanceEPFactory(DjangoModelFactory):
    class Meta:
        model = SeanceEP

    territoire = factory.SubFactory(TerritoireFactory)
    date = factory.LazyFunction(lambda: datetime.datetime(2025, 9, 15, 9, 30, tzinfo=datetime.UTC))
    lieu = "Hôtel du département, salle 2"
    created_by = factory.SubFactory(UserFactory, responsable_mdd=True)


class MembreEPFactory(DjangoModelFactory):
    class Meta:
        model = MembreEP

    seance = factory.SubFactory(SeanceEPFactory)
    role = "departement"
    nom = factory.Faker("name", locale="fr_FR")


def manquement_informe(parcours, agent, *, constat=datetime.date(2025, 9, 1), information=datetime.date(2025, 9, 2)):
    """A manquement whose person was informed: its delay of observations (30 days) ends on 2 October 2025."""
    manquement = ouvrir_manquement(
        parcours,
        nature="absence_convocation",
        faits="Absent à la convocation du 29 août.",
        date_constat=constat,
        par=agent,
    )
    return informer(manquement, date_information=information, par=agent)


def seance_avec_quorum(territoire, *, presents=3, exterieur=None):
    """A session of the territory with `presents` members present (quorum 3), and `exterieur` sitting for CAF."""
    seance = SeanceEPFactory(territoire=territoire)
    membres = [MembreEPFactory(seance=seance, role="president")]
    membres += [MembreEPFactory(seance=seance, role="france_travail") for _ in range(2)]
    if exterieur is not None:
        membres.append(MembreEPFactory(seance=seance, role="caf", utilisateur=exterieur, nom=str(exterieur)))
    enregistrer_presences(seance, [m.pk for m in membres[:presents]])
    return seance
