"""The dates of the first orientation and first signed contract kept on the parcours (parcours.faits)
always equal the MIN over the events, whatever path wrote or deleted them."""

import datetime

import pytest
from django.db.models import Min

from parcours import contrats, orientations
from parcours.faits import recalculer_premieres_dates
from parcours.models import ContratEngagement, Orientation, Parcours
from tests.parcours.factories import ContratEngagementFactory, OrientationFactory, ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db

J = datetime.date


def faits(parcours) -> tuple:
    return tuple(
        Parcours.objects.filter(pk=parcours.pk).values_list("date_premiere_orientation", "date_premier_contrat").get()
    )


def attendus(parcours) -> tuple:
    return (
        Orientation.objects.filter(parcours=parcours).aggregate(d=Min("date_decision"))["d"],
        ContratEngagement.objects.filter(parcours=parcours).aggregate(d=Min("date_signature"))["d"],
    )


def test_un_parcours_sans_evenement_n_a_ni_orientation_ni_contrat():
    assert faits(ParcoursFactory()) == (None, None)


def test_orienter_par_le_service_fixe_la_premiere_orientation_en_base_et_en_memoire():
    parcours = ParcoursFactory()
    agent = agent_mdd(parcours.mdd)
    orientations.orienter(
        parcours, type="sociale", organisme_referent="departement", date_decision=J(2025, 2, 10), par=agent
    )
    assert faits(parcours) == (J(2025, 2, 10), None)
    assert parcours.date_premiere_orientation == J(2025, 2, 10)
    orientations.orienter(
        parcours,
        type="professionnelle",
        organisme_referent="france_travail",
        date_decision=J(2025, 4, 1),
        par=agent,
        motif="Projet professionnel construit",
    )
    assert faits(parcours) == (J(2025, 2, 10), None), "une réorientation ne change pas la première orientation"


def test_une_orientation_anterieure_saisie_apres_coup_devient_la_premiere():
    parcours = ParcoursFactory()
    OrientationFactory(parcours=parcours, date_decision=J(2025, 3, 1))
    OrientationFactory(parcours=parcours, date_decision=J(2025, 2, 5))
    assert faits(parcours) == (J(2025, 2, 5), None)


def test_supprimer_des_orientations_par_queryset_recalcule_la_date():
    parcours = ParcoursFactory()
    OrientationFactory(parcours=parcours, date_decision=J(2025, 3, 1))
    OrientationFactory(parcours=parcours, date_decision=J(2025, 2, 5))
    Orientation.objects.filter(date_decision=J(2025, 2, 5)).delete()
    assert faits(parcours) == (J(2025, 3, 1), None)
    Orientation.objects.all().delete()
    assert faits(parcours) == (None, None)


def test_seul_un_contrat_signe_donne_la_date_du_premier_contrat():
    parcours = ParcoursFactory(oriente=True)
    contrat = ContratEngagementFactory(parcours=parcours, etat="brouillon", date_signature=None)
    assert faits(parcours)[1] is None
    contrats.signer_contrat(contrat, date_signature=J(2025, 3, 2), par=agent_mdd(parcours.mdd))
    assert faits(parcours)[1] == J(2025, 3, 2)
    ContratEngagementFactory(parcours=parcours, date_debut=J(2026, 1, 1), date_fin=J(2026, 6, 30))
    assert faits(parcours) == attendus(parcours)


def test_une_sauvegarde_complete_d_un_parcours_perime_n_efface_pas_les_faits():
    parcours = ParcoursFactory()
    perime = Parcours.objects.get(pk=parcours.pk)
    OrientationFactory(parcours=parcours, date_decision=J(2025, 2, 20))
    perime.date_sortie = None
    perime.save()
    assert faits(parcours) == (J(2025, 2, 20), None)


def test_recalculer_repare_des_faits_faux_apres_un_chargement_en_masse():
    parcours = [ParcoursFactory(oriente=True) for _ in range(3)]
    ContratEngagementFactory(parcours=parcours[0])
    Parcours.objects.update(date_premiere_orientation=J(2000, 1, 1), date_premier_contrat=None)
    assert recalculer_premieres_dates() == 3
    assert [faits(p) for p in parcours] == [attendus(p) for p in parcours]
