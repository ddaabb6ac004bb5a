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
SANS_AUTRE_NATURE = {"contrat_non_signe": 0, "heures_non_realisees": 0, "refus_action": 0}


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
    assert chiffres.manquements(DEBUT, FIN, cle=par_mdd) == {
        mdd.pk: {"nombre": 1, "personnes": 1, "absence_convocation": 1, **SANS_AUTRE_NATURE},
        autre_mdd.pk: {"nombre": 1, "personnes": 1, "absence_convocation": 1, **SANS_AUTRE_NATURE},
    }
    # Scoped to the parcours given: the other MDD's decisions are not counted.
    seul = chiffres.decisions(DEBUT, FIN, parcours=Parcours.objects.filter(mdd=mdd))[None]
    assert (seul["nombre"], seul["suspension"], seul["taux_total"], seul["duree_totale"]) == (1, 1, 50, 2)
    tout = chiffres.decisions(DEBUT, FIN)[None]
    assert (tout["taux_50_a_99"], tout["taux_moins_de_50"], tout["un_mois"], tout["deux_mois"]) == (1, 1, 1, 1)
    assert chiffres.dossiers_ep(DEBUT, FIN)[None]["suspension"] == 2
    with django_assert_num_queries(1):
        remob = chiffres.remobilisation(DEBUT, FIN)
    assert remob == {None: {"terminees": 2, "remobilisees": 1, "delai": datetime.timedelta(days=20)}}
    assert chiffres.heures_prevues(DEBUT, FIN, cle=par_mdd)[mdd.pk] == {"prevues": Decimal(20)}  # 2 weeks × 10 h
    assert chiffres.heures_realisees(DEBUT, FIN, cle=par_mdd)[mdd.pk] == {"saisies": Decimal(6), "rendez_vous": 1}
    assert chiffres.heures_par_rendez_vous(FIN) == Decimal("1.5")
    vide = chiffres.remobilisation(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert vide == {None: {"terminees": 0, "remobilisees": 0, "delai": None}}
