"""The person's name copied onto the parcours (nom_tri, what the file active sorts and searches on) always
equals the person's nom_recherche, whatever path wrote the person or the parcours (for the import, see
tests/imports/test_import_cree_ou_met_a_jour.py)."""

import datetime

import pytest
from django.urls import reverse

from parcours import personnes
from parcours.faits import recopier_noms
from parcours.models import Beneficiaire, Parcours
from parcours.rgpd import anonymiser
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory

pytestmark = pytest.mark.django_db


def nom_tri(parcours) -> str:
    return Parcours.objects.values_list("nom_tri", flat=True).get(pk=parcours.pk)


def test_un_parcours_cree_porte_le_nom_de_la_personne():
    parcours = ParcoursFactory(beneficiaire__nom="Lefèvre", beneficiaire__prenom="Hélène")
    assert nom_tri(parcours) == "lefevre helene"


def test_le_parcours_suit_un_changement_de_nom_de_la_personne():
    parcours = ParcoursFactory(beneficiaire__nom="Martin", beneficiaire__prenom="Claire")
    ancien = ParcoursFactory(
        beneficiaire=parcours.beneficiaire,
        date_ouverture_droit=datetime.date(2022, 1, 1),
        date_entree=datetime.date(2022, 1, 1),
        date_sortie=datetime.date(2024, 1, 1),
    )
    personne = Beneficiaire.objects.get(pk=parcours.beneficiaire_id)
    personne.nom = "Dupré"
    personne.save()
    assert nom_tri(parcours) == nom_tri(ancien) == "dupre claire"


def test_une_sauvegarde_complete_d_un_parcours_perime_ne_remet_pas_l_ancien_nom():
    parcours = ParcoursFactory(beneficiaire__nom="Martin", beneficiaire__prenom="Claire")
    perime = Parcours.objects.get(pk=parcours.pk)
    personne = Beneficiaire.objects.get(pk=parcours.beneficiaire_id)
    personne.nom = "Dupré"
    personne.save()
    perime.save()
    assert nom_tri(parcours) == "dupre claire"


def test_modifier_les_coordonnees_ne_reecrit_pas_les_parcours(agent, mdd):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    parcours = ParcoursFactory(mdd=mdd, beneficiaire__nom="Martin", beneficiaire__prenom="Claire")
    parcours = Parcours.objects.select_related("beneficiaire").get(pk=parcours.pk)
    with CaptureQueriesContext(connection) as requetes:
        personnes.modifier_coordonnees(parcours, par=agent, telephone="0555000000")
    mises_a_jour = [q["sql"] for q in requetes.captured_queries if q["sql"].startswith("UPDATE")]
    assert not [sql for sql in mises_a_jour if "nom_tri" in sql], "le nom n'a pas changé"
    assert nom_tri(parcours) == "martin claire"


def test_l_anonymisation_efface_aussi_le_nom_copie():
    parcours = ParcoursFactory(
        beneficiaire__nom="Martin",
        date_entree=datetime.date(2015, 1, 1),
        date_ouverture_droit=datetime.date(2015, 1, 1),
        date_sortie=datetime.date(2016, 1, 1),
    )
    bilan = anonymiser(aujourdhui=datetime.date(2026, 11, 28), delai_jours=365, appliquer=True)
    assert bilan.beneficiaires == 1
    assert nom_tri(parcours) == "anonyme"


def test_recopier_les_noms_repare_une_copie_fausse():
    parcours = ParcoursFactory(beneficiaire__nom="Martin", beneficiaire__prenom="Claire")
    Parcours.objects.filter(pk=parcours.pk).update(nom_tri="faux")
    assert recopier_noms() == 1
    assert nom_tri(parcours) == "martin claire"


def test_la_file_active_trie_et_cherche_sur_le_nom_a_jour(client_agent, mdd):
    parcours = ParcoursFactory(mdd=mdd, beneficiaire__nom="Zola", beneficiaire__prenom="Émile")
    ParcoursFactory(mdd=mdd, beneficiaire__nom="Martin", beneficiaire__prenom="Claire")
    personne = BeneficiaireFactory._meta.model.objects.get(pk=parcours.beneficiaire_id)
    personne.nom = "Abadie"
    personne.save()
    url = reverse("parcours:file_active")
    page = client_agent.get(url).context["page_obj"]
    assert [p.beneficiaire.nom for p in page] == ["Abadie", "Martin"]
    assert [p.beneficiaire.nom for p in client_agent.get(url, {"q": "abadie"}).context["page_obj"]] == ["Abadie"]
    assert list(client_agent.get(url, {"q": "zola"}).context["page_obj"]) == []
