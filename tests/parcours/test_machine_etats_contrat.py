"""The contract moves only along TRANSITIONS_CONTRAT, and every move (creation included) is logged with its author."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from parcours import contrats
from parcours.choices import EtatContrat as E
from parcours.models import TransitionContrat
from tests.parcours.factories import ContratEngagementFactory, ParcoursFactory, agent_mdd

pytestmark = pytest.mark.django_db

HIER = timezone.localdate() - datetime.timedelta(days=1)


def _journal(contrat):
    return list(contrat.transitions.values_list("etat_avant", "etat_apres", "par_id"))


def test_chaque_changement_d_etat_est_journalise_avec_son_auteur():
    parcours = ParcoursFactory(oriente=True)
    agent = agent_mdd(parcours.mdd)
    contrat = contrats.enregistrer_contrat(
        parcours,
        date_debut=HIER,
        date_fin=HIER + datetime.timedelta(days=180),
        objectifs="Reprise d'activité",
        heures_hebdomadaires=15,
        par=agent,
    )
    contrats.signer_contrat(contrat, date_signature=HIER, par=agent)
    contrats.resilier_contrat(contrat, date_resiliation=HIER, motif="Déménagement", par=agent)
    assert _journal(contrat) == [
        ("", E.BROUILLON, agent.pk),
        (E.BROUILLON, E.SIGNE, agent.pk),
        (E.SIGNE, E.RESILIE, agent.pk),
    ]
    assert contrat.transitions.last().motif == "Déménagement"


def test_une_transition_hors_table_est_refusee_sans_rien_ecrire():
    contrat = ContratEngagementFactory(etat=E.BROUILLON, date_signature=None, parcours=ParcoursFactory(oriente=True))
    agent = agent_mdd(contrat.parcours.mdd)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        contrats.resilier_contrat(contrat, date_resiliation=HIER, motif="Déménagement", par=agent)
    contrat.refresh_from_db()
    assert contrat.etat == E.BROUILLON and contrat.date_resiliation is None
    assert not TransitionContrat.objects.exists()


def test_une_resiliation_refusee_ne_change_pas_l_etat_en_memoire():
    contrat = ContratEngagementFactory(date_signature=HIER)
    agent = agent_mdd(contrat.parcours.mdd)
    with pytest.raises(ValidationError):
        contrats.resilier_contrat(contrat, date_resiliation=HIER - datetime.timedelta(days=2), motif="x", par=agent)
    assert contrat.etat == E.SIGNE


def test_la_tache_de_nuit_journalise_chaque_contrat_echu_sans_auteur():
    echu = ContratEngagementFactory(date_fin=HIER)
    ContratEngagementFactory(date_fin=HIER + datetime.timedelta(days=30))
    assert contrats.echoir_contrats() == 1
    assert _journal(echu) == [(E.SIGNE, E.ECHU, None)]
    assert contrats.echoir_contrats() == 0
    assert TransitionContrat.objects.count() == 1


def test_la_table_ne_sort_jamais_d_un_etat_final():
    assert contrats.TRANSITIONS_CONTRAT[E.ECHU] == set() == contrats.TRANSITIONS_CONTRAT[E.RESILIE]
    assert set(contrats.TRANSITIONS_CONTRAT) == set(E)
