"""A past period is observed as it was: MDD, territory and référent of a parcours on the period's last day.

A transfer or a change of référent after the period does not move the figures of that period.
"""

import datetime
from decimal import Decimal

import pytest

from evaluation.indicateurs import Filtres, calculer_indicateurs, ventiler
from parcours.mouvements import transferer
from tests.pacte.factories import MDDFactory, TerritoireFactory, UserFactory
from tests.parcours.factories import ChangementReferentFactory, ParcoursFactory, TransfertFactory

pytestmark = pytest.mark.django_db

DEBUT, FIN = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
J = datetime.date


@pytest.fixture
def deux_mdd():
    return MDDFactory(territoire=TerritoireFactory()), MDDFactory(territoire=TerritoireFactory())


def _stock(filtres):
    return calculer_indicateurs(DEBUT, FIN, filtres)["stock_parcours_ouverts"].valeur


def test_un_transfert_apres_la_periode_laisse_la_personne_dans_sa_mdd_d_alors(deux_mdd):
    limoges, chalus = deux_mdd
    parti = ParcoursFactory(mdd=chalus, date_entree=J(2024, 5, 1))  # today in Châlus
    TransfertFactory(parcours=parti, date=J(2026, 2, 1), mdd_origine=limoges, mdd_destination=chalus)
    ParcoursFactory(mdd=limoges, date_entree=J(2024, 5, 1))
    # By hand, on 31/12/2025: two people in Limoges, none in Châlus.
    assert _stock(Filtres(mdd=limoges.pk)) == 2
    assert _stock(Filtres(mdd=chalus.pk)) == 0
    assert _stock(Filtres(territoire=limoges.territoire_id)) == 2
    par_mdd = {ligne["id"]: ligne["stock"] for ligne in ventiler(DEBUT, FIN, "mdd")}
    assert par_mdd == {limoges.pk: 2}


def test_un_transfert_dans_la_periode_compte_dans_la_nouvelle_mdd(deux_mdd):
    limoges, chalus = deux_mdd
    parcours = ParcoursFactory(mdd=chalus, date_entree=J(2024, 5, 1))
    TransfertFactory(parcours=parcours, date=J(2025, 6, 1), mdd_origine=limoges, mdd_destination=chalus)
    assert (_stock(Filtres(mdd=limoges.pk)), _stock(Filtres(mdd=chalus.pk))) == (0, 1)


def test_deux_transferts_apres_la_periode_rendent_la_mdd_du_premier_depart(deux_mdd):
    limoges, chalus = deux_mdd
    bessines = MDDFactory()
    parcours = ParcoursFactory(mdd=bessines, date_entree=J(2024, 5, 1))
    TransfertFactory(parcours=parcours, date=J(2026, 2, 1), mdd_origine=limoges, mdd_destination=chalus)
    TransfertFactory(parcours=parcours, date=J(2026, 5, 1), mdd_origine=chalus, mdd_destination=bessines)
    assert [_stock(Filtres(mdd=m.pk)) for m in (limoges, chalus, bessines)] == [1, 0, 0]


def test_un_changement_de_referent_apres_la_periode_ne_change_pas_la_part_avec_referent():
    sans = ParcoursFactory(date_entree=J(2024, 5, 1), referent=UserFactory())
    ChangementReferentFactory(parcours=sans, ancien=None, nouveau=sans.referent, date=J(2026, 1, 15))
    avec = ParcoursFactory(date_entree=J(2024, 5, 1), referent=None)
    TransfertFactory(parcours=avec, date=J(2026, 3, 1), referent_avant=UserFactory())
    ParcoursFactory(date_entree=J(2024, 5, 1), referent=UserFactory())
    ParcoursFactory(date_entree=J(2024, 5, 1), referent=None)
    # By hand, on 31/12/2025: «avec» and the third had a référent, «sans» and the fourth had none: 2 / 4.
    assert calculer_indicateurs(DEBUT, FIN)["part_referent_unique"].valeur == Decimal("50.0")


def test_le_transfert_garde_le_referent_qu_il_interrompt(deux_mdd):
    limoges, chalus = deux_mdd
    referent = UserFactory(travailleur_social=True, mdds=[limoges])
    parcours = ParcoursFactory(mdd=limoges, referent=referent, date_entree=J(2024, 5, 1))
    admin = UserFactory(administrateur=True)
    transfert = transferer(parcours, mdd_destination=chalus, date=J(2026, 2, 1), par=admin)
    assert transfert.referent_avant == referent
    parcours.refresh_from_db()
    assert parcours.referent is None
    assert calculer_indicateurs(DEBUT, FIN)["part_referent_unique"].valeur == Decimal("100.0")
    assert _stock(Filtres(mdd=limoges.pk)) == 1
