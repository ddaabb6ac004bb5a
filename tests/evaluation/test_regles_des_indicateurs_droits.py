"""The «Droits et devoirs» figures, each rule of its fiche on data counted by hand.

Edges: period boundaries (the constat's day, an EP session's local day, a week straddling two years), a person with
two manquements, a file without opinion, a suspension ended after the period, a remobilisation before the start of
the suspension, a brouillon contract's plan, a transfer after the period, no scale in force, an empty period.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from droits.models import ActivitePlan, Decision, DossierEP, HeuresRealisees, Manquement
from evaluation.indicateurs import Filtres, calculer_indicateurs, ventiler_tout
from tests.droits.factories import BaremeFactory, DelegationFactory, SeanceEPFactory
from tests.pacte.factories import MDDFactory, TerritoireFactory, UserFactory
from tests.parcours.factories import ContratEngagementFactory, ParcoursFactory, RendezVousFactory, TransfertFactory

pytestmark = pytest.mark.django_db

DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
J = datetime.date
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def agent(db):
    return UserFactory()


def manquement(parcours, constat, agent, nature="absence_convocation"):
    return Manquement.objects.create(
        parcours=parcours, nature=nature, faits="…", date_constat=constat, bareme=BaremeFactory(), created_by=agent
    )


def decision(m, jour, agent, nature="suspension", **suspension):
    if nature == "suspension":
        suspension.setdefault("date_debut", jour + datetime.timedelta(days=5))
        suspension.setdefault("date_fin", suspension["date_debut"] + datetime.timedelta(days=30))
    return Decision.objects.create(
        manquement=m,
        nature=nature,
        date_decision=jour,
        decide_par=agent,
        delegation=DelegationFactory(utilisateur=agent),
        motivation="…",
        **suspension,
    )


def valeurs(filtres=None, debut=DEBUT, fin=FIN):
    return {code: ind.valeur for code, ind in calculer_indicateurs(debut, fin, filtres).items()}


def test_manquements_une_personne_deux_fois_et_bornes_de_la_periode(agent):
    claire, paul = ParcoursFactory(), ParcoursFactory()
    manquement(claire, J(2025, 1, 1), agent)
    manquement(claire, J(2025, 12, 31), agent, nature="refus_action")
    manquement(paul, J(2025, 6, 1), agent, nature="heures_non_realisees")
    manquement(paul, J(2024, 12, 31), agent)
    manquement(paul, J(2026, 1, 1), agent)
    v = valeurs()
    # By hand: three manquements in 2025, of two people; one of each of three natures.
    assert (v["manquements"], v["personnes_en_manquement"]) == (3, 2)
    assert (v["manquements_absence_convocation"], v["manquements_refus_action"]) == (1, 1)
    assert (v["manquements_heures_non_realisees"], v["manquements_contrat_non_signe"]) == (1, 0)


def test_dossiers_ep_examines_dans_une_seance_de_la_periode_en_heure_locale(agent):
    parcours = ParcoursFactory()
    dedans = SeanceEPFactory(date=datetime.datetime(2025, 1, 1, 0, 30, tzinfo=PARIS))  # 31/12/2024 23:30 UTC
    dehors = SeanceEPFactory(date=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=PARIS))
    DossierEP.objects.create(seance=dedans, manquement=manquement(parcours, J(2024, 12, 1), agent), avis="suspension")
    DossierEP.objects.create(seance=dedans, manquement=manquement(parcours, J(2024, 12, 2), agent), avis="ajournement")
    DossierEP.objects.create(seance=dedans, manquement=manquement(parcours, J(2024, 12, 3), agent))  # no opinion
    DossierEP.objects.create(seance=dehors, manquement=manquement(parcours, J(2024, 12, 4), agent), avis="suspension")
    v = valeurs()
    assert (v["dossiers_ep"], v["dossiers_ep_suspension"], v["dossiers_ep_ajournement"]) == (2, 1, 1)


def test_decisions_par_nature_et_suspensions_par_taux_et_duree(agent):
    parcours = ParcoursFactory()
    decision(manquement(parcours, J(2025, 2, 1), agent), J(2025, 3, 1), agent, taux=30, duree_mois=2)
    decision(manquement(parcours, J(2025, 2, 2), agent), J(2025, 3, 2), agent, taux=100, duree_mois=1)
    decision(manquement(parcours, J(2025, 2, 3), agent), J(2025, 3, 3), agent, taux=50, duree_mois=4)
    decision(manquement(parcours, J(2025, 2, 4), agent), J(2025, 3, 4), agent, nature="sans_sanction")
    decision(manquement(parcours, J(2025, 2, 5), agent), J(2026, 1, 2), agent, taux=80, duree_mois=1)
    v = valeurs()
    assert (v["decisions_suspension"], v["decisions_sans_sanction"], v["decisions_reorientation"]) == (3, 1, 0)
    # By hand: (30 + 100 + 50) / 3 = 60 %; (2 + 1 + 4) / 3 = 2.33 months.
    assert (v["suspensions_taux_moyen"], v["suspensions_duree_moyenne"]) == (Decimal("60.0"), Decimal("2.3"))
    tranches = [v[f"suspensions_{t}"] for t in ("taux_moins_de_50", "taux_50_a_99", "taux_100")]
    durees = [v[f"suspensions_{t}"] for t in ("un_mois", "deux_mois", "plus_de_deux_mois")]
    assert (tranches, durees) == ([1, 1, 1], [1, 1, 1])


def test_taux_et_delai_de_remobilisation_des_suspensions_terminees(agent):
    parcours = ParcoursFactory()

    def suspendue(debut, cloture, remobilisation=None):
        m = manquement(parcours, debut - datetime.timedelta(days=20), agent)
        return decision(
            m,
            debut - datetime.timedelta(days=5),
            agent,
            taux=50,
            duree_mois=1,
            date_debut=debut,
            date_cloture=cloture,
            date_remobilisation=remobilisation,
        )

    suspendue(J(2025, 3, 1), J(2025, 3, 21), J(2025, 3, 21))  # lifted after 20 days
    suspendue(J(2025, 5, 10), J(2025, 5, 10), J(2025, 5, 7))  # re-engaged before the start: 0 day
    suspendue(J(2025, 7, 1), J(2025, 8, 1))  # term reached, amounts lost
    suspendue(J(2025, 12, 20), J(2026, 1, 20), J(2026, 1, 20))  # ended after the period
    v = valeurs()
    assert v["taux_remobilisation"] == Decimal("66.7")
    assert v["delai_remobilisation_moyen"] == Decimal("10.0")


def test_heures_prevues_et_realisees_par_semaine_de_la_periode(agent):
    BaremeFactory()
    parcours = ParcoursFactory()
    contrat = ContratEngagementFactory(parcours=parcours, date_debut=J(2024, 12, 1), date_fin=J(2026, 3, 1))
    brouillon = ContratEngagementFactory(parcours=parcours, etat="brouillon", date_signature=None)

    def plan(c, debut, fin, heures=10):
        ActivitePlan.objects.create(
            contrat=c,
            nature="formation",
            libelle="…",
            heures_hebdomadaires=heures,
            date_debut=debut,
            date_fin=fin,
            created_by=agent,
        )

    plan(contrat, J(2025, 12, 1), J(2025, 12, 14))  # two weeks: 20 h
    plan(contrat, J(2025, 12, 31), J(2026, 1, 2), heures=4)  # the week of Monday 29/12/2025: 2025, 4 h
    plan(contrat, J(2024, 12, 30), J(2025, 1, 3), heures=7)  # the week of Monday 30/12/2024: 2024
    plan(brouillon, J(2025, 6, 2), J(2025, 6, 8), heures=12)  # not signed
    HeuresRealisees.objects.create(parcours=parcours, semaine=J(2025, 12, 1), heures=6, created_by=agent)
    HeuresRealisees.objects.create(parcours=parcours, semaine=J(2024, 12, 30), heures=5, created_by=agent)
    RendezVousFactory(parcours=parcours, date=datetime.datetime(2025, 12, 9, 10, tzinfo=PARIS))
    RendezVousFactory(
        parcours=parcours, date=datetime.datetime(2025, 12, 10, 10, tzinfo=PARIS), presence="absent_excuse"
    )
    v = valeurs()
    # By hand: planned 20 + 4 = 24 h; done 6 h entered + 1 attended rendez-vous × 1.5 h = 7.5 h; 31.25 %.
    assert (v["heures_prevues"], v["heures_realisees"]) == (Decimal(24), Decimal("7.5"))
    assert v["taux_realisation_heures"] == Decimal("31.3")


def test_sans_bareme_les_rendez_vous_honores_rendent_les_heures_non_disponibles(agent):
    parcours = ParcoursFactory()
    contrat = ContratEngagementFactory(parcours=parcours)
    ActivitePlan.objects.create(
        contrat=contrat,
        nature="formation",
        libelle="…",
        heures_hebdomadaires=10,
        date_debut=J(2025, 3, 3),
        date_fin=J(2025, 3, 9),
        created_by=agent,
    )
    RendezVousFactory(parcours=parcours, date=datetime.datetime(2025, 3, 4, 10, tzinfo=PARIS))
    v = valeurs()
    assert v["heures_prevues"] == Decimal(10)
    assert v["heures_realisees"] is None and v["taux_realisation_heures"] is None


def test_un_transfert_apres_la_periode_laisse_les_chiffres_dans_la_mdd_d_alors(agent):
    limoges, chalus = MDDFactory(territoire=TerritoireFactory()), MDDFactory(territoire=TerritoireFactory())
    parti = ParcoursFactory(mdd=chalus)
    TransfertFactory(parcours=parti, date=J(2026, 2, 1), mdd_origine=limoges, mdd_destination=chalus)
    m = manquement(parti, J(2025, 5, 1), agent)
    decision(m, J(2025, 6, 1), agent, taux=30, duree_mois=1)
    manquement(ParcoursFactory(mdd=chalus), J(2025, 5, 1), agent)
    assert valeurs(Filtres(mdd=limoges.pk))["manquements"] == 1
    assert valeurs(Filtres(territoire=limoges.territoire_id))["decisions_suspension"] == 1
    assert valeurs(Filtres(mdd=chalus.pk))["decisions_suspension"] == 0
    ventilations = ventiler_tout(DEBUT, FIN)
    par_mdd = {ligne["id"]: ligne for ligne in ventilations["mdd"]}
    par_territoire = {ligne["id"]: ligne for ligne in ventilations["territoire"]}
    assert (par_mdd[limoges.pk]["manquements"], par_mdd[chalus.pk]["manquements"]) == (1, 1)
    assert par_territoire[limoges.territoire_id]["decisions_suspension"] == 1
    assert par_territoire[chalus.territoire_id]["decisions_suspension"] == 0
    total = valeurs()
    assert sum(ligne["manquements"] for ligne in ventilations["mdd"]) == total["manquements"] == 2


def test_une_periode_vide_donne_zero_manquement_et_des_taux_non_disponibles():
    v = valeurs()
    assert (v["manquements"], v["personnes_en_manquement"], v["dossiers_ep"], v["decisions_suspension"]) == (0, 0, 0, 0)
    assert v["suspensions_taux_moyen"] is None and v["suspensions_duree_moyenne"] is None
    assert v["taux_remobilisation"] is None and v["delai_remobilisation_moyen"] is None
    assert v["heures_prevues"] == 0 and v["heures_realisees"] == 0 and v["taux_realisation_heures"] is None
