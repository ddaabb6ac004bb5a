"""What the performance work on the large data set must not change: the file active read in two queries (ids of
the page, then its rows) keeps the order, the pages and the annotations, in a constant number of queries; the
fast <select> writes Django's HTML."""

import datetime

import pytest
from django import forms
from django.urls import reverse

from pacte.forms import BaseForm
from pacte.widgets import SelectRapide
from tests.parcours.factories import BeneficiaireFactory, FreinFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
URL = reverse("parcours:file_active")


def _personnes(mdd, n, **kwargs):
    return [
        ParcoursFactory(mdd=mdd, beneficiaire=BeneficiaireFactory(nom=f"Nom{i:03d}", prenom="Léa"), **kwargs)
        for i in range(n)
    ]


# Without a criterion the page is read by COUNT + LIMIT; with one, all matching ids are read once.
AVEC_ET_SANS_CRITERE = pytest.mark.parametrize("critere", [{}, {"q": "lea"}], ids=["sans critère", "recherche"])


@AVEC_ET_SANS_CRITERE
def test_les_pages_de_la_file_active_se_suivent_sans_doublon_ni_trou(client_agent, mdd, critere):
    _personnes(mdd, 60)
    vus = []
    for page in (1, 2, 3):
        reponse = client_agent.get(URL, {"page": page, **critere})
        vus += [p.beneficiaire.nom for p in reponse.context["page_obj"]]
    assert vus == [f"Nom{i:03d}" for i in range(60)]


def test_le_tri_par_date_d_entree_egale_ne_montre_aucune_ligne_deux_fois(client_agent, mdd):
    # Same entry date for everyone: the pk breaks the tie, so pages neither repeat nor skip a row.
    _personnes(mdd, 30, date_entree=datetime.date(2025, 1, 6))
    vus = []
    for page in (1, 2):
        reponse = client_agent.get(URL, {"tri": "-entree", "page": page})
        vus += [p.pk for p in reponse.context["page_obj"]]
    assert len(vus) == 30 == len(set(vus))


def test_les_lignes_de_la_page_portent_leurs_annotations(client_agent, mdd):
    parcours = _personnes(mdd, 3)
    FreinFactory(parcours=parcours[1])
    FreinFactory(parcours=parcours[1])
    lignes = list(client_agent.get(URL).context["page_obj"])
    assert [p.nb_freins_ouverts for p in lignes] == [0, 2, 0]
    assert all(p.dernier_rdv is None for p in lignes)


@AVEC_ET_SANS_CRITERE
def test_une_page_au_dela_de_la_derniere_montre_la_derniere(client_agent, mdd, critere):
    _personnes(mdd, 30)
    page = client_agent.get(URL, {"page": 99, **critere}).context["page_obj"]
    assert page.paginator.count == 30
    assert page.number == 2
    assert [p.beneficiaire.nom for p in page] == [f"Nom{i:03d}" for i in range(25, 30)]


@pytest.mark.parametrize("lignes", [5, 50])
def test_recherche_et_filtres_en_nombre_de_requetes_constant(client_agent, mdd, django_assert_max_num_queries, lignes):
    _personnes(mdd, lignes)
    client_agent.get(URL)  # warm the session
    with django_assert_max_num_queries(12):
        reponse = client_agent.get(URL, {"q": "lea", "orientation": "aucune", "tri": "nom", "page": 1})
    assert len(reponse.context["page_obj"]) == min(lignes, 25)


CHOIX = [("", "---"), ("a", "A & <b>"), ("Groupe", [("x", "X"), ("y", "« Y »")]), (3, "Trois")]


class AvecSelectDjango(BaseForm):
    champ = forms.ChoiceField(choices=CHOIX, required=False)


class AvecSelectRapide(BaseForm):
    champ = forms.ChoiceField(choices=CHOIX, required=False, widget=SelectRapide)


def _sans_blancs(html):
    import re

    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("valeur", ["", "a", "y", "3", "inconnue"])
def test_le_select_rapide_ecrit_le_meme_html_que_celui_de_django(valeur):
    django = AvecSelectDjango(data={"champ": valeur})["champ"]
    rapide = AvecSelectRapide(data={"champ": valeur})["champ"]
    assert _sans_blancs(rapide) == _sans_blancs(django)
    assert "&lt;b&gt;" in str(rapide)
