import datetime

import pytest
from django.utils import timezone

from courriers import modeles
from courriers.models import Consentement, ParametresCourriers
from courriers.models.parametres import DEFAUTS
from tests.courriers.factories import CreneauFactory
from tests.courriers.serveurs_locaux import FauxBrevo
from tests.pacte.factories import PacteFactory, SiteFactory
from tests.parcours.factories import ParcoursFactory, agent_mdd


@pytest.fixture
def site(db):
    return SiteFactory(nom="MDD des Carmes", adresse="10 rue des Carmes")


@pytest.fixture
def agent(site):
    return agent_mdd(site.mdd, first_name="Louise", last_name="Référente")


@pytest.fixture
def parcours(site):
    return ParcoursFactory(
        mdd=site.mdd,
        beneficiaire__nom="Martin",
        beneficiaire__prenom="Claire",
        beneficiaire__adresse="3 rue des Lilas",
        beneficiaire__commune=site.commune,
        beneficiaire__telephone="06 12 34 56 78",
        beneficiaire__email="claire.martin@example.org",
    )


@pytest.fixture
def creneau(site, agent):
    return CreneauFactory(site=site, agent=agent)


@pytest.fixture
def referentiel_courriers(db):
    """The pact and its courriers parameters, as charger_referentiel writes them, with the default templates."""
    PacteFactory()
    # Every hour allowed: the tests of the night rule set their own hours (and pass a weekday to the queue).
    ParametresCourriers.objects.create(departement_code="87", **{**DEFAUTS, "sms_heure_debut": 0, "sms_heure_fin": 24})
    modeles.installer_modeles_par_defaut("87")


@pytest.fixture
def joignable(parcours):
    """The person of `parcours`, who agreed to SMS and e-mail."""
    Consentement.objects.create(beneficiaire=parcours.beneficiaire, sms=True, email=True)
    return parcours


# A Wednesday at 10:00, local time: the queue's clock in tests, whatever the day the suite runs.
UN_MERCREDI = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def brevo(settings):
    """A local server speaking Brevo's SMS API, and the settings that point the adapter at it."""
    serveur = FauxBrevo()
    settings.SMS_FOURNISSEUR, settings.SMS_CLE, settings.SMS_URL = "brevo", "cle-de-test", serveur.url
    settings.SMS_EXPEDITEUR = "HauteVienne"
    yield serveur
    serveur.shutdown()
    serveur.server_close()
