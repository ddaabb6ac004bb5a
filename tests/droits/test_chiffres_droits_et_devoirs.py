"""The figures of the droits et devoirs, aggregated in SQL, equal the count made by hand, by MDD and territory."""

import datetime
from decimal import Decimal

import pytest

from droits import chiffres
from droits.decisions import decider
from droits.ep import inscrire_dossier, rendre_avis
from droits.heures import ajouter_activite, enregistrer_heures
from droits.remobilisation import constater_fins, remobiliser
from tests.droits.factories import DelegationFactory, manquement_informe, seance_avec_quorum
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import OrientationFactory, ParcoursFactory, RendezVousFactory

DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def _suspendu(parcours, agent, delegataire, taux, duree):
    manquement = manquement_informe(parcours, agent)
    dossier = inscrire_dossier(seance_avec_quorum(parcours.mdd.territoire), manquement, par=agent)
    rendre_avis(
        dossier, avis="suspension", votes_pour=3, votes_contre=0, abstentions=0, motivation="x", taux=taux, duree=duree
    )
    return decider(
        manquement,
        nature="suspension",
        par=delegataire,
        date_decision=datetime.date(2025, 10, 6),
        motivation="x",
        taux=taux,
        duree_mois=duree,
        date_debut=datetime.date(2025, 10, 10),
    )


@pytest.mark.django_db
def test_les_chiffres_par_mdd_et_territoire(parcours, contrat, agent, mdd, django_assert_num_queries):
    autre_mdd = MDDFactory(territoire=mdd.territoire)
    autre = ParcoursFactory(mdd=autre_mdd)
    OrientationFactory(parcours=autre)
    delegataire = DelegationFactory(utilisateur__mdds=[mdd, autre_mdd]).utilisateur
    d1 = _suspendu(parcours, agent, delegataire, 50, 2)
    _suspendu(autre, agent, delegataire, 30, 1)
    remobiliser(d1, date=datetime.date(2025, 10, 30), motif="heures", par=agent)
    constater_fins(datetime.date(2025, 11, 15))
    ajouter_activite(
        contrat,
        nature="formation",
        libelle="Remise à niveau",
        heures_hebdomadaires=10,
        date_debut=datetime.date(2025, 12, 1),
        date_fin=datetime.date(2025, 12, 14),
        par=agent,
    )
    enregistrer_heures(parcours, semaine=datetime.date(2025, 12, 1), heures=6, par=agent)
    RendezVousFactory(parcours=parcours, date=datetime.datetime(2025, 12, 9, 10, tzinfo=datetime.UTC))

    assert chiffres.manquements(DEBUT, FIN, "mdd") == {
        (mdd.pk, "absence_convocation"): {"nombre": 1},
        (autre_mdd.pk, "absence_convocation"): {"nombre": 1},
    }
    assert chiffres.decisions(DEBUT, FIN, "territoire") == {(mdd.territoire_id, "suspension"): {"nombre": 2}}
    assert chiffres.suspensions(DEBUT, FIN) == {(None, (50, 2)): 1, (None, (30, 1)): 1}
    assert chiffres.dossiers_ep(DEBUT, FIN)[(None, "suspension")] == {"nombre": 2}
    with django_assert_num_queries(1):
        remob = chiffres.remobilisation(DEBUT, FIN)
    assert remob == {None: {"terminees": 2, "remobilisees": 1, "taux": 0.5, "delai_moyen_jours": 20.0}}
    heures = chiffres.heures(DEBUT, FIN, "mdd")
    assert heures[mdd.pk] == {"prevues": Decimal(20), "realisees": Decimal("7.5")}  # 2 weeks × 10 h; 6 h + 1.5 h
    vide = chiffres.remobilisation(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert vide == {None: {"terminees": 0, "remobilisees": 0, "taux": None, "delai_moyen_jours": None}}
