"""The parcours page sends each event form only when it is opened: htmx loads the form alone, and without
JavaScript the link opens the page with that form; same access rules, and the page view is logged."""

import datetime

import pytest
from django.urls import reverse

from pacte.models import JournalAcces
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parcours(mdd):
    return ParcoursFactory(mdd=mdd)


def url(parcours, slug="note"):
    return reverse("parcours:enregistrer", args=[parcours.pk, slug])


def test_la_page_du_parcours_n_envoie_que_des_liens_vers_les_formulaires(client_agent, parcours):
    contenu = client_agent.get(reverse("parcours:fiche", args=[parcours.pk])).content.decode()
    assert 'name="note-texte"' not in contenu and 'name="orientation-type"' not in contenu
    assert f'hx-get="{url(parcours)}"' in contenu
    assert 'hx-trigger="toggle once from:closest details"' in contenu
    assert f'href="{url(parcours)}#formulaire-note"' in contenu


def test_htmx_recoit_le_formulaire_seul_sans_journaliser(client_agent, parcours):
    avant = JournalAcces.objects.count()
    reponse = client_agent.get(url(parcours), headers={"HX-Request": "true"})
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "<html" not in contenu and "<form" in contenu
    assert 'name="note-texte"' in contenu and "csrfmiddlewaretoken" in contenu
    assert f'name="note-version" value="{parcours.version}"' in contenu
    assert JournalAcces.objects.count() == avant


def test_sans_javascript_le_lien_ouvre_la_page_avec_ce_formulaire_et_journalise(
    client_agent, parcours, agent, operateur_etat
):
    reponse = client_agent.get(url(parcours))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200 and "<html" in contenu
    assert '<details class="pacte-formulaire fr-mb-2w" id="formulaire-note" open>' in contenu
    assert 'name="note-texte"' in contenu
    assert 'name="orientation-type"' not in contenu
    assert JournalAcces.objects.filter(utilisateur=agent, objet_id=parcours.pk, page=url(parcours)).exists()


def test_le_formulaire_d_un_parcours_d_une_autre_mdd_ou_clos_est_introuvable(client_agent, mdd):
    ailleurs = ParcoursFactory(mdd=MDDFactory())
    assert client_agent.get(url(ailleurs), headers={"HX-Request": "true"}).status_code == 404
    clos = ParcoursFactory(mdd=mdd, date_sortie=datetime.date(2025, 3, 1))
    assert client_agent.get(url(clos)).status_code == 404
    assert client_agent.get(url(ParcoursFactory(mdd=mdd), "inconnu")).status_code == 404
