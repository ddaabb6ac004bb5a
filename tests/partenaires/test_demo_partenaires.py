"""The partner side's demo data: every kind, consistent figures, deterministic."""

import datetime

import pytest
from django.db.models import Sum

from config.demo import partenaires as demo
from config.demo.comptes import DemoContexte
from pacte.models import Objectif, Role, Thematique
from parcours.choices import EtatPrescription as E
from partenaires.models import (
    Action,
    Ajustement,
    Cofinancement,
    DecisionReunion,
    Financement,
    GroupeTravail,
    Partenaire,
    ResultatAction,
    ReunionGroupe,
    Versement,
)
from partenaires.models.financements import TypeFinancement
from partenaires.models.structures import NaturePartenaire
from partenaires.validators import valider_siret
from tests.pacte.factories import UserFactory
from tests.parcours.factories import PrescriptionFactory

AUJOURDHUI = datetime.date(2025, 10, 15)


def _contexte():
    ctx = DemoContexte.cree(87, AUJOURDHUI, nb_beneficiaires=50)
    referent = UserFactory(referent_thematique=True, thematiques=list(Thematique.objects.filter(numero__in=[1, 4])))
    ctx.comptes = {
        Role.REFERENT_THEMATIQUE.value: referent,
        Role.ADMINISTRATEUR.value: UserFactory(administrateur=True),
    }
    return ctx


@pytest.mark.django_db
def test_demo_remplit_chaque_modele_de_facon_coherente(referentiel_hv):
    ctx = _contexte()
    demo.generer(ctx)
    partenaire_demo = ctx.donnees["partenaire_demo"]
    assert Action.objects.filter(partenaire=partenaire_demo, statut="ouverte").count() >= 3
    assert set(Partenaire.objects.values_list("nature", flat=True)) == set(NaturePartenaire.values)
    assert set(Financement.objects.values_list("type", flat=True)) == set(TypeFinancement.values)
    for partenaire in Partenaire.objects.all():
        valider_siret(partenaire.siret)
    assert 100 <= Action.objects.count() <= 140
    assert set(Action.objects.values_list("objectif", flat=True)) == set(Objectif.objects.values_list("pk", flat=True))
    assert Cofinancement.objects.exists() and Versement.objects.exists()
    for financement in Financement.objects.annotate(verse=Sum("versements__montant")):
        assert (financement.verse or 0) <= financement.montant_conventionne
    assert GroupeTravail.objects.count() == Thematique.objects.count()
    assert ReunionGroupe.objects.exists() and DecisionReunion.objects.exists()

    # The parcours demo would create prescriptions here.
    for action in Action.objects.filter(statut="ouverte")[:10]:
        PrescriptionFactory(
            action=action,
            etat=E.SORTIE,
            date_proposition=action.date_debut,
            date_entree=action.date_debut,
            date_sortie=action.date_debut + datetime.timedelta(days=30),
            type_sortie="iae",
        )
    demo.completer(ctx)
    assert ResultatAction.objects.count() > 100
    assert Ajustement.objects.exclude(effet="aucun").exists()
    assert Ajustement.objects.filter(decision_reunion__isnull=False).exists()
    assert not ResultatAction.objects.filter(periode_fin__gt=AUJOURDHUI).exists()


@pytest.mark.django_db
def test_demo_deterministe(referentiel_hv):
    demo.generer(_contexte())
    premiere = list(Action.objects.order_by("pk").values_list("intitule", "places", "date_debut"))
    sirets = list(Partenaire.objects.order_by("pk").values_list("siret", flat=True))
    Action.objects.all().delete()
    for modele in (Versement, Cofinancement, Financement):
        modele.objects.all().delete()
    GroupeTravail.objects.all().delete()
    Partenaire.objects.all().delete()
    demo.generer(_contexte())
    assert list(Action.objects.order_by("pk").values_list("intitule", "places", "date_debut")) == premiere
    assert list(Partenaire.objects.order_by("pk").values_list("siret", flat=True)) == sirets
