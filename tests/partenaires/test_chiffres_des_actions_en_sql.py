"""The SQL figures of the actions equal a naive Python computation on random data."""

import datetime
import random
from decimal import Decimal

import pytest

from parcours.choices import EtatPrescription as E
from parcours.figures_actions import avec_chiffres, derniere_periode_close
from partenaires.models import Action
from tests.parcours.factories import PrescriptionFactory
from tests.partenaires.factories import (
    ActionFactory,
    FinancementFactory,
    ObjectifActionFactory,
    ResultatActionFactory,
    VersementFactory,
)

pytestmark = pytest.mark.django_db

AUJOURDHUI = datetime.date(2025, 10, 15)


def _donnees(rng):
    financements = [FinancementFactory(montant_conventionne=Decimal(rng.choice([1000, 5000, 20000]))) for _ in range(3)]
    for financement in financements:
        for _ in range(rng.randint(0, 3)):
            VersementFactory(financement=financement, montant=Decimal(rng.randint(1, 4000)))
    actions = []
    for _ in range(6):
        debut = datetime.date(2024, rng.randint(1, 12), 1)
        fin = rng.choice([datetime.date(2025, 11, 30), datetime.date(2026, 6, 30), datetime.date(2025, 3, 31)])
        action = ActionFactory(
            places=rng.randint(0, 8), date_debut=debut, date_fin=fin, financement=rng.choice([*financements, None])
        )
        actions.append(action)
        for _ in range(rng.randint(0, 9)):
            etat = rng.choice(E.values)
            extra = {"date_entree": debut} if etat in (E.ENTREE, E.SORTIE) else {}
            if etat == E.SORTIE:
                extra["date_sortie"] = debut
            PrescriptionFactory(action=action, etat=etat, date_proposition=debut, **extra)
        if rng.random() < 0.7:
            ObjectifActionFactory(action=action, indicateur="participants", valeur_cible=rng.randint(1, 30))
        semestres = [
            (datetime.date(2024, 7, 1), datetime.date(2024, 12, 31)),
            (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
        ]
        for periode_debut, periode_fin in rng.sample(semestres, rng.randint(0, 2)):
            participants = rng.randint(0, 12)
            ResultatActionFactory(
                action=action,
                periode_debut=periode_debut,
                periode_fin=periode_fin,
                participants=participants,
                heures=rng.randint(0, 300),
                sorties_iae=rng.randint(0, participants),
            )
    return actions


@pytest.mark.parametrize("graine", [1, 2, 3, 4])
def test_chiffres_sql_egaux_au_calcul_naif(graine):
    _donnees(random.Random(graine))
    debut_close, fin_close = derniere_periode_close(AUJOURDHUI)
    for action in avec_chiffres(Action.objects.all(), AUJOURDHUI):
        brut = Action.objects.get(pk=action.pk)
        prescriptions = list(brut.prescriptions.all())
        for etat in E.values:
            assert getattr(action, f"nb_{etat}") == sum(1 for p in prescriptions if p.etat == etat)
        entrees = sum(1 for p in prescriptions if p.etat == E.ENTREE)
        assert action.places_restantes == max(brut.places - entrees, 0)
        resultats = list(brut.resultats.all())
        assert action.realise_participants == sum(r.participants for r in resultats)
        assert action.realise_heures == sum(r.heures for r in resultats)
        assert action.realise_sorties == sum(r.total_sorties for r in resultats)
        objectif = next((o for o in brut.objectifs.all() if o.indicateur == "participants"), None)
        assert action.cible_participants == (objectif.valeur_cible if objectif else None)
        verse = sum((v.montant for v in brut.financement.versements.all()), Decimal(0)) if brut.financement else 0
        assert action.montant_verse == verse
        assert action.alerte_budget == bool(brut.financement and verse > brut.financement.montant_conventionne)
        en_cours = brut.date_debut <= AUJOURDHUI <= brut.date_fin
        assert action.alerte_occupation == (en_cours and brut.places > 0 and entrees < brut.places / 2)
        assert action.alerte_fin_proche == (AUJOURDHUI <= brut.date_fin <= AUJOURDHUI + datetime.timedelta(days=60))
        concernee = brut.date_debut <= fin_close and brut.date_fin >= debut_close
        couverte = any(r.periode_debut <= fin_close and r.periode_fin >= debut_close for r in resultats)
        assert action.alerte_resultats == (concernee and not couverte)


def test_derniere_periode_close_est_le_semestre_precedent():
    assert derniere_periode_close(datetime.date(2025, 10, 15)) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 6, 30),
    )
    assert derniere_periode_close(datetime.date(2025, 3, 1)) == (datetime.date(2024, 7, 1), datetime.date(2024, 12, 31))
