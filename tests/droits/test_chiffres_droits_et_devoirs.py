"""The counts behind the droits et devoirs figures, aggregated in SQL over a perimeter, equal the hand count."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import F

from droits import chiffres
from droits.decisions import decider
from droits.ep import inscrire_dossier, rendre_avis
from droits.heures import ajouter_activite, enregistrer_heures
from droits.remobilisation import constater_fins, remobiliser
from parcours.models import Parcours
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

    par_mdd = lambda chemin: F(f"{chemin}__mdd_id")  # noqa: E731
    comptes = chiffres.manquements_et_decisions(DEBUT, FIN, cle=par_mdd)
    assert {k: (v["m_nombre"], v["m_personnes"], v["m_absence_convocation"]) for k, v in comptes.items()} == {
        mdd.pk: (1, 1, 1),
        autre_mdd.pk: (1, 1, 1),
    }
    # Scoped to the parcours given: the other MDD's decisions are not counted.
    seul = chiffres.manquements_et_decisions(DEBUT, FIN, parcours=Parcours.objects.filter(mdd=mdd))[None]
    assert (seul["d_nombre"], seul["d_suspension"], seul["d_taux_total"], seul["d_duree_totale"]) == (1, 1, 50, 2)
    tout = chiffres.manquements_et_decisions(DEBUT, FIN)[None]
    assert (tout["d_taux_50_a_99"], tout["d_taux_moins_de_50"], tout["d_un_mois"], tout["d_deux_mois"]) == (1, 1, 1, 1)
    assert chiffres.dossiers_ep(DEBUT, FIN)[None]["suspension"] == 2
    with django_assert_num_queries(1):
        remob = chiffres.manquements_et_decisions(DEBUT, FIN)[None]
    assert (remob["r_terminees"], remob["r_remobilisees"], remob["r_delai"]) == (2, 1, datetime.timedelta(days=20))
    assert chiffres.heures_prevues(DEBUT, FIN, cle=par_mdd)[mdd.pk] == {"prevues": Decimal(20)}  # 2 weeks × 10 h
    assert chiffres.heures_realisees(DEBUT, FIN, cle=par_mdd)[mdd.pk] == {"saisies": Decimal(6), "rendez_vous": 1}
    assert chiffres.heures_par_rendez_vous(FIN) == Decimal("1.5")
    vide = chiffres.manquements_et_decisions(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))[None]
    assert (vide["r_terminees"], vide["r_remobilisees"], vide["r_delai"]) == (0, 0, None)
