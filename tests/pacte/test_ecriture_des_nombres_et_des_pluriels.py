"""Figures written the French way everywhere: amounts with thousands separators, hours without «.0», real plurals;
search forms do not mark every criterion «(Optionnel)»."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from pacte.text import heures, montant, pluriel
from tests.pacte.factories import MDDFactory
from tests.parcours.factories import agent_mdd


def test_un_montant_a_ses_separateurs_de_milliers():
    assert montant(Decimal("143000")) == "143\u202f000,00\u00a0€"
    assert montant(Decimal("1234567.5")) == "1\u202f234\u202f567,50\u00a0€"
    assert montant(0) == "0,00\u00a0€"
    assert montant(None) == ""


def test_les_heures_sans_decimale_inutile():
    assert heures(Decimal("15.0")) == "15\u00a0h"
    assert heures(Decimal("7.5")) == "7,5\u00a0h"
    assert heures(20) == "20\u00a0h"


def test_les_pluriels_sont_ecrits():
    assert pluriel(0, "contrat") == "contrat"
    assert pluriel(1, "contrat") == "contrat"
    assert pluriel(2, "contrat") == "contrats"
    assert pluriel(3, "nouvel entrant", "nouveaux entrants") == "nouveaux entrants"


def test_les_filtres_de_gabarit():
    rendu = Template('{% load pacte_tags %}{{ m|montant }}|{{ h|heures }}|{{ n }} {{ n|pluriel:"action,actions" }}')
    assert rendu.render(Context({"m": Decimal("143000"), "h": Decimal("15.0"), "n": 2})) == (
        "143\u202f000,00\u00a0€|15\u00a0h|2 actions"
    )


@pytest.mark.django_db
def test_les_filtres_de_la_file_active_ne_disent_pas_optionnel(client):
    client.force_login(agent_mdd(MDDFactory()))
    contenu = client.get(reverse("parcours:file_active")).content.decode()
    assert "Nom, prénom ou numéro allocataire" in contenu
    # The mark of each theme: the DSFR's «(Optionnel)», the collectivité's «(facultatif)».
    assert "(Optionnel)" not in contenu
    assert "(facultatif)" not in contenu
