"""Home page of the référent thématique: figures and the alerts of «Mes actions»."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.accueil_partenaires import accueil_partenaire, alertes_referent
from tests.pacte.factories import ObjectifFactory, ThematiqueFactory, UserFactory
from tests.parcours.factories import PrescriptionFactory
from tests.partenaires.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_alertes_du_referent_comptent_ses_actions_seulement():
    referent = UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])
    aujourdhui = timezone.localdate()
    objectif = ObjectifFactory(thematique=referent.thematiques.first())
    ActionFactory(
        objectif=objectif,
        places=10,
        date_debut=aujourdhui - datetime.timedelta(days=400),
        date_fin=aujourdhui + datetime.timedelta(days=20),
    )
    ActionFactory(
        places=10,
        date_debut=aujourdhui - datetime.timedelta(days=10),
        date_fin=aujourdhui + datetime.timedelta(days=20),
    )
    # An alert at 0 (budget here) is not shown; each one opens the list of its own alert.
    alertes = {t.lien.rsplit("=", 1)[1]: t.valeur for t in alertes_referent(referent, aujourdhui)}
    assert alertes == {"occupation": 1, "resultats": 1, "fin_proche": 1}


def test_page_d_accueil_du_referent_affiche_les_alertes(client):
    referent = UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])
    client.force_login(referent)
    contenu = client.get(reverse("accueil")).content.decode()
    # No action, so no alert: nothing to do is not shown as «0 …».
    assert "se terminant dans moins de 60 jours" not in contenu
    assert "VARIABLE INCONNUE" not in contenu


def test_accueil_partenaire_compte_les_prescriptions_a_traiter():
    partenaire = UserFactory(partenaire_user=True)
    PrescriptionFactory(action=ActionFactory(partenaire=partenaire.partenaire))
    PrescriptionFactory()
    assert accueil_partenaire(partenaire).tuiles[0].valeur == 1
