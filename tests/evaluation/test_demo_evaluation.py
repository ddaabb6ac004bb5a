"""The demo generator: approved bilans of past years (frozen, with a PDF), a draft this year, past COPIL."""

import datetime

import pytest

from config.demo import evaluation as demo
from config.demo.comptes import DemoContexte
from evaluation import services
from evaluation.models import BilanAnnuel, ComitePilotage, EtatBilan
from pacte.models import Role
from tests.pacte.factories import PacteFactory, ThematiqueFactory, UserFactory
from tests.partenaires.factories import FinancementFactory

pytestmark = pytest.mark.django_db


def test_la_demo_contient_des_bilans_approuves_un_brouillon_et_des_comites():
    pacte = PacteFactory()
    for numero in range(1, 4):
        ThematiqueFactory(pacte=pacte, numero=numero)
    ctx = DemoContexte.cree(87, datetime.date(2025, 11, 28), nb_beneficiaires=10)
    ctx.comptes = {Role.ADMINISTRATEUR: UserFactory(administrateur=True)}
    demo.generer(ctx)
    approuves = BilanAnnuel.objects.filter(etat=EtatBilan.APPROUVE).order_by("annee")
    assert [b.annee for b in approuves] == [2022, 2023, 2024]
    assert all(bytes(b.pdf).startswith(b"%PDF") and len(b.pdf_sha256) == 64 for b in approuves)
    assert all(b.date_deliberation > b.soumis_le.date() for b in approuves)
    brouillon = BilanAnnuel.objects.get(annee=2025)
    assert brouillon.etat == EtatBilan.BROUILLON and brouillon.narratifs.count() == 2
    comites = ComitePilotage.objects.order_by("date")
    assert comites.count() == 4 and all(c.decisions.count() == 3 for c in comites)
    assert comites[1].periode_debut == comites[0].date + datetime.timedelta(days=1)


def test_la_demo_contient_un_bilan_approuve_que_le_calcul_du_jour_corrigerait():
    pacte = PacteFactory()
    ThematiqueFactory(pacte=pacte, numero=1)
    FinancementFactory(date_debut=datetime.date(2023, 1, 1), date_fin=datetime.date(2024, 6, 30))
    ctx = DemoContexte.cree(87, datetime.date(2025, 11, 28), nb_beneficiaires=10)
    ctx.comptes = {Role.ADMINISTRATEUR: UserFactory(administrateur=True)}
    demo.generer(ctx)
    bilan = BilanAnnuel.objects.get(annee=2023, etat=EtatBilan.APPROUVE)
    ecarts = {ligne["code"] for ligne in services.ecarts_avec_le_calcul_du_jour(bilan)}
    assert "budget_verse" in ecarts
    assert services.ecarts_avec_le_calcul_du_jour(BilanAnnuel.objects.get(annee=2024)) == []
