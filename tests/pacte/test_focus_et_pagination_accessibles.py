"""After a form is sent, the focus starts from its message (not <body>); the disabled links of the pagination are
marked disabled (aria-disabled, role link), not links without an address."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def _rendre(source, **contexte):
    requete = RequestFactory().get("/liste/", {"q": "roy"})
    return Template("{% load ui %}" + source).render(RequestContext(requete, contexte))


def test_le_premier_message_prend_le_focus():
    html = _rendre(
        '{% ui "messages" messages=liste %}',
        liste=[Message(constants.SUCCESS, "Présence enregistrée."), Message(constants.ERROR, "Erreur.")],
    )
    assert 'role="status" tabindex="-1" autofocus' in html
    assert html.count("autofocus") == 1
    assert 'role="alert"' in html


def test_la_premiere_page_ne_porte_pas_de_lien_vide():
    page = Paginator(list(range(100)), 10).get_page(1)
    html = _rendre('{% ui "pagination" page=page %}', page=page)
    assert 'aria-disabled="true" role="link">Page précédente</a>' in html
    assert "href" not in html.split("Page précédente")[0].rsplit("<a", 1)[1]
    assert 'href="?q=roy&amp;page=2"' in html
    assert "Page 1 sur 10" in html
