"""The manquement's state machine: only the moves of its table, each one logged; the scale kept at opening."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from droits.alertes import absences_non_excusees, actions_refusees, contrats_non_signes
from droits.manquements import (
    TRANSITIONS_MANQUEMENT,
    appliquer_transition,
    classer,
    enregistrer_observation,
    informer,
    ouvrir_manquement,
)
from droits.models import Manquement, Observation, TransitionManquement
from parcours.models import Parcours
from tests.droits.factories import BaremeFactory
from tests.parcours.factories import ContratEngagementFactory, PrescriptionFactory, RendezVousFactory

CONSTAT = datetime.date(2025, 9, 10)


def _ouvrir(parcours, agent, **kwargs):
    valeurs = {
        "nature": "absence_convocation",
        "faits": "Absent à la convocation du 9 septembre.",
        "date_constat": CONSTAT,
        "par": agent,
    }
    return ouvrir_manquement(parcours, **{**valeurs, **kwargs})


@pytest.mark.django_db
def test_le_circuit_ouvre_informe_et_recueille_les_observations_chaque_pas_journalise(parcours, agent):
    manquement = _ouvrir(parcours, agent)
    informer(manquement, date_information=datetime.date(2025, 9, 12), par=agent)
    assert manquement.date_limite_observations == datetime.date(2025, 10, 12)  # 30 days of the scale
    enregistrer_observation(
        manquement,
        forme="orale",
        date=datetime.date(2025, 9, 20),
        texte="Enfant malade.",
        par=agent,
        assiste_par="Sa sœur",
    )
    classer(manquement, motif="Motif légitime reconnu", par=agent)
    assert list(manquement.transitions.values_list("etat_avant", "etat_apres")) == [
        ("", "ouvert"),
        ("ouvert", "informe"),
        ("informe", "classe"),
    ]
    assert TransitionManquement.objects.filter(par=agent).count() == 3
    assert Observation.objects.get().assiste_par == "Sa sœur"


@pytest.mark.django_db
def test_seules_les_transitions_de_la_table_sont_permises(parcours, agent):
    manquement = _ouvrir(parcours, agent)
    for cible in set(TRANSITIONS_MANQUEMENT) - TRANSITIONS_MANQUEMENT[manquement.etat]:
        with pytest.raises(ValidationError, match="ne peut pas passer"):
            appliquer_transition(manquement, cible, par=agent)
    manquement.refresh_from_db()
    assert manquement.etat == "ouvert" and manquement.transitions.count() == 1


@pytest.mark.django_db
def test_un_changement_de_bareme_s_applique_aux_manquements_ouverts_apres_lui(parcours, agent, bareme):
    avant = _ouvrir(parcours, agent)
    nouveau = BaremeFactory(date_effet=datetime.date(2025, 10, 1), delai_observations_jours=15)
    apres = _ouvrir(parcours, agent, date_constat=datetime.date(2025, 10, 2))
    assert (avant.bareme, apres.bareme) == (bareme, nouveau)
    informer(avant, date_information=datetime.date(2025, 10, 3), par=agent)
    assert avant.date_limite_observations == datetime.date(2025, 11, 2)  # still the 30 days of its own scale


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"faits": "  "}, "Décrivez les faits"),
        ({"nature": "retard"}, "nature du manquement"),
        ({"date_constat": datetime.date(2099, 1, 1)}, "futur"),
        ({"date_constat": datetime.date(2025, 5, 1)}, "Aucun barème"),
    ],
)
def test_une_ouverture_invalide_est_refusee_sans_rien_ecrire(parcours, agent, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        _ouvrir(parcours, agent, **kwargs)
    assert not Manquement.objects.exists() and not TransitionManquement.objects.exists()


@pytest.mark.django_db
def test_des_observations_avant_le_courrier_sont_refusees(parcours, agent):
    manquement = _ouvrir(parcours, agent)
    with pytest.raises(ValidationError, match="une fois la personne informée"):
        enregistrer_observation(manquement, forme="ecrite", date=CONSTAT, texte="x", par=agent)
    informer(manquement, date_information=datetime.date(2025, 9, 12), par=agent)
    with pytest.raises(ValidationError, match="précéder le courrier"):
        enregistrer_observation(manquement, forme="ecrite", date=datetime.date(2025, 9, 11), texte="x", par=agent)
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_les_alertes_proposent_les_absences_contrats_et_refus_sans_manquement(parcours, agent):
    absence = RendezVousFactory(parcours=parcours, presence="absent_non_excuse")
    RendezVousFactory(parcours=parcours, presence="absent_excuse")
    contrat = ContratEngagementFactory(parcours=parcours, etat="brouillon", date_signature=None)
    refus = PrescriptionFactory(parcours=parcours, etat="refusee")
    visibles = Parcours.objects.visible_par(agent)
    assert list(absences_non_excusees(visibles)) == [absence]
    assert list(contrats_non_signes(visibles, CONSTAT)) == [contrat]
    assert list(actions_refusees(visibles)) == [refus]
    _ouvrir(parcours, agent, rendez_vous=absence, origine="alerte")
    _ouvrir(parcours, agent, prescription=refus, nature="refus_action", origine="alerte")
    assert not absences_non_excusees(visibles).exists() and not actions_refusees(visibles).exists()
