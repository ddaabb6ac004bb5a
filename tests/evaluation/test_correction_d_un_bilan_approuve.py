"""A corrected engine never rewrites an approved bilan: it shows the differences and starts a corrected version."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from evaluation import services
from evaluation.models import BilanAnnuel
from tests.pacte.factories import PacteFactory, ThematiqueFactory, UserFactory
from tests.partenaires.factories import FinancementFactory, VersementFactory

pytestmark = pytest.mark.django_db

DEMAIN = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def admin():
    return UserFactory(administrateur=True)


@pytest.fixture
def approuve(admin):
    pacte = PacteFactory(date_debut=datetime.date(2022, 1, 1), date_fin=datetime.date(2030, 12, 31))
    thematique = ThematiqueFactory(pacte=pacte, numero=1)
    financement = FinancementFactory(montant_conventionne=Decimal("10000"))
    VersementFactory(financement=financement, nature="avance", date=datetime.date(2025, 2, 1), montant=Decimal(4000))
    bilan = services.creer_bilan(2025, admin)
    services.ecrire_narratif(bilan, thematique, "Des avancées.", "Des difficultés.", admin)
    services.soumettre(bilan, admin)
    bilan = services.approuver(bilan, admin, DEMAIN, "2026-CD-042")
    # Recorded after the approval: a solde paid in 2025.
    VersementFactory(financement=financement, nature="solde", date=datetime.date(2025, 12, 15), montant=Decimal(6000))
    return bilan


def test_le_bilan_approuve_garde_ses_chiffres_et_montre_les_ecarts_du_calcul_du_jour(approuve):
    ecarts = {ligne["code"]: ligne for ligne in services.ecarts_avec_le_calcul_du_jour(approuve)}
    assert (ecarts["budget_verse"]["valeur_a"], ecarts["budget_verse"]["valeur_b"]) == (Decimal("4000.00"), 10000)
    assert ecarts["taux_consommation"]["ecart"] == Decimal("60.0")
    assert "participants" not in ecarts
    fige = BilanAnnuel.objects.get(pk=approuve.pk)
    assert fige.instantane["indicateurs"]["budget_verse"]["valeur"] == "4000.00"


def test_la_page_du_bilan_approuve_propose_la_version_corrigee_et_la_comparaison(client, admin, approuve):
    client.force_login(admin)
    page = client.get(f"/evaluation/bilans/{approuve.pk}/").content.decode()
    assert "Le calcul d'aujourd'hui donne d'autres chiffres" in page
    assert "Créer une version corrigée" in page
    assert 'href="/evaluation/fiches/#fiche-budget_verse"' in page
    client.post(f"/evaluation/bilans/{approuve.pk}/nouvelle-version/")
    corrigee = BilanAnnuel.objects.get(annee=2025, version=2)
    assert corrigee.precedent == approuve
    comparaison = client.get("/evaluation/bilans/comparer/", {"a": approuve.pk, "b": corrigee.pk}).content.decode()
    assert 'href="/evaluation/fiches/#fiche-budget_verse"' in comparaison


def test_un_bilan_approuve_sans_ecart_le_dit(admin):
    pacte = PacteFactory(date_debut=datetime.date(2022, 1, 1), date_fin=datetime.date(2030, 12, 31))
    thematique = ThematiqueFactory(pacte=pacte, numero=1)
    bilan = services.creer_bilan(2025, admin)
    services.ecrire_narratif(bilan, thematique, "Des avancées.", "Des difficultés.", admin)
    services.soumettre(bilan, admin)
    bilan = services.approuver(bilan, admin, DEMAIN, "2026-CD-043")
    assert services.ecarts_avec_le_calcul_du_jour(bilan) == []
