"""|jour prints what |date:"d/m/Y" prints: dates, datetimes in local time (Paris), nothing for no date."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone


def rendre(valeur, filtre="jour"):
    gabarit = "{% load pacte_tags %}{{ v|" + filtre + " }}" if filtre == "jour" else '{{ v|date:"d/m/Y" }}'
    return Template(gabarit).render(Context({"v": valeur}))


@pytest.mark.parametrize(
    "valeur",
    [
        datetime.date(2026, 11, 28),
        datetime.date(1, 2, 3),
        datetime.datetime(2026, 11, 27, 23, 30, tzinfo=datetime.UTC),  # already the 28th in Paris
        datetime.datetime(2026, 6, 30, 22, 30, tzinfo=datetime.UTC),  # summer time: the 1st of July
        timezone.now(),
        None,
        "",
    ],
)
def test_jour_ecrit_comme_le_filtre_date(valeur):
    assert rendre(valeur) == rendre(valeur, filtre="date")


def test_jour_en_heure_locale():
    assert rendre(datetime.datetime(2026, 11, 27, 23, 30, tzinfo=datetime.UTC)) == "28/11/2026"
