"""The 15 hours: a plan by activity, hours done from entries and attended rendez-vous, reductions, the alert."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from droits.heures import ajouter_activite, amenager_heures, en_dessous_du_plan, enregistrer_heures, heures_par_semaine
from droits.models import ActivitePlan, AmenagementHeures, HeuresRealisees
from parcours.models import Parcours
from tests.parcours.factories import ContratEngagementFactory, OrientationFactory, ParcoursFactory, RendezVousFactory

LUNDI = datetime.date(2025, 9, 1)
JOUR = datetime.date(2025, 9, 24)  # the three complete weeks before: 1, 8 and 15 September


def _plan(contrat, agent, heures=(10, 5)):
    for i, h in enumerate(heures):
        ajouter_activite(
            contrat,
            nature="formation" if i == 0 else "demarche",
            libelle=f"Activité {i}",
            heures_hebdomadaires=h,
            date_debut=contrat.date_debut,
            date_fin=contrat.date_fin,
            par=agent,
        )


@pytest.mark.django_db
def test_les_heures_prevues_et_realisees_par_semaine(contrat, agent, django_assert_max_num_queries):
    _plan(contrat, agent)
    enregistrer_heures(contrat.parcours, semaine=LUNDI + datetime.timedelta(days=3), heures=8, par=agent)
    enregistrer_heures(contrat.parcours, semaine=LUNDI, heures=2, par=agent, source="partenaire")
    RendezVousFactory(parcours=contrat.parcours, date=datetime.datetime(2025, 9, 2, 10, tzinfo=datetime.UTC))
    RendezVousFactory(
        parcours=contrat.parcours, date=datetime.datetime(2025, 9, 3, 10, tzinfo=datetime.UTC), presence="absent_excuse"
    )
    with django_assert_max_num_queries(6):
        semaines = heures_par_semaine(contrat.parcours, LUNDI, LUNDI + datetime.timedelta(days=13))
    assert [(s.lundi, s.prevues, s.realisees) for s in semaines] == [
        (LUNDI, Decimal(15), Decimal("11.5")),  # 8 + 2 entered, one attended rendez-vous worth 1.5 h
        (LUNDI + datetime.timedelta(days=7), Decimal(15), Decimal(0)),
    ]
    assert HeuresRealisees.objects.filter(semaine=LUNDI).count() == 2  # the Thursday entry is filed under Monday


@pytest.mark.django_db
def test_une_reduction_ou_une_dispense_baisse_les_heures_prevues(contrat, agent):
    _plan(contrat, agent)
    amenager_heures(
        contrat,
        motif="garde_enfants",
        heures_hebdomadaires=8,
        date_debut=LUNDI,
        date_fin=LUNDI,
        justification="Pas de place en crèche",
        par=agent,
    )
    amenager_heures(
        contrat,
        motif="sante",
        heures_hebdomadaires=0,
        date_debut=LUNDI + datetime.timedelta(days=7),
        date_fin=LUNDI + datetime.timedelta(days=7),
        justification="Certificat reçu",
        par=agent,
    )
    semaines = heures_par_semaine(contrat.parcours, LUNDI, LUNDI + datetime.timedelta(days=14))
    assert [s.prevues for s in semaines] == [Decimal(8), Decimal(0), Decimal(15)]
    assert semaines[1].amenagement == "Dispense (santé)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "appel, message",
    [
        (
            lambda c, a: ajouter_activite(
                c,
                nature="action",
                libelle="X",
                heures_hebdomadaires=0,
                date_debut=c.date_debut,
                date_fin=c.date_fin,
                par=a,
            ),
            "plus de 0 à 35",
        ),
        (
            lambda c, a: ajouter_activite(
                c,
                nature="action",
                libelle="X",
                heures_hebdomadaires=5,
                date_debut=datetime.date(2025, 1, 1),
                date_fin=c.date_fin,
                par=a,
            ),
            "dans celles du contrat",
        ),
        (
            lambda c, a: ajouter_activite(
                c,
                nature="voyage",
                libelle="X",
                heures_hebdomadaires=5,
                date_debut=c.date_debut,
                date_fin=c.date_fin,
                par=a,
            ),
            "nature",
        ),
        (
            lambda c, a: amenager_heures(
                c,
                motif="sante",
                heures_hebdomadaires=5,
                date_debut=c.date_debut,
                date_fin=c.date_fin,
                justification="  ",
                par=a,
            ),
            "sans détail médical",
        ),
        (
            lambda c, a: amenager_heures(
                c,
                motif="sante",
                heures_hebdomadaires=20,
                date_debut=c.date_debut,
                date_fin=c.date_fin,
                justification="x",
                par=a,
            ),
            "moins de 15",
        ),
        (lambda c, a: enregistrer_heures(c.parcours, semaine=datetime.date(2099, 1, 5), heures=3, par=a), "futur"),
        (lambda c, a: enregistrer_heures(c.parcours, semaine=LUNDI, heures=80, par=a), "plus de 0 à 60"),
    ],
)
def test_une_saisie_invalide_est_refusee_en_francais_sans_rien_ecrire(contrat, agent, appel, message):
    with pytest.raises(ValidationError, match=message):
        appel(contrat, agent)
    assert not ActivitePlan.objects.exists()
    assert not AmenagementHeures.objects.exists()
    assert not HeuresRealisees.objects.exists()


def _personne(mdd, agent, heures_faites, dispense=False):
    parcours = ParcoursFactory(mdd=mdd)
    OrientationFactory(parcours=parcours)
    contrat = ContratEngagementFactory(
        parcours=parcours, date_debut=datetime.date(2025, 6, 2), date_fin=datetime.date(2026, 5, 31)
    )
    Parcours.objects.filter(pk=parcours.pk).update(contrat_courant=contrat)
    _plan(contrat, agent)
    if dispense:
        amenager_heures(
            contrat,
            motif="handicap",
            heures_hebdomadaires=0,
            date_debut=LUNDI,
            date_fin=JOUR,
            justification="Reconnaissance de la qualité de travailleur handicapé",
            par=agent,
        )
    for semaine in range(3):
        if heures_faites:
            enregistrer_heures(
                parcours, semaine=LUNDI + datetime.timedelta(days=7 * semaine), heures=heures_faites, par=agent
            )
    return parcours


@pytest.mark.django_db
def test_l_alerte_nomme_les_personnes_loin_de_leur_plan_plusieurs_semaines(
    mdd, agent, bareme, django_assert_num_queries
):
    loin = _personne(mdd, agent, heures_faites=2)
    _personne(mdd, agent, heures_faites=10)  # 10 of 15: above the 50 % threshold
    _personne(mdd, agent, heures_faites=0, dispense=True)
    rien = _personne(mdd, agent, heures_faites=0)
    with django_assert_num_queries(2):  # the scale, then the parcours with their weeks annotated
        alertes = list(en_dessous_du_plan(Parcours.objects.visible_par(agent), JOUR))
    assert {p.pk for p in alertes} == {loin.pk, rien.pk}
