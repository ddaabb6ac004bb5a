"""The chargé d'orientation's queue: search and filters (MDD, territory, waiting time against the référentiel's
delay), back to the same page and filters after orienting, the «beyond the delay» tile opens the filtered list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pacte.models import ImportFichier
from tests.pacte.factories import MDDFactory, TerritoireFactory, UserFactory
from tests.parcours.factories import BeneficiaireFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
AUJOURDHUI = timezone.localdate()


@pytest.fixture
def charge(client):
    user = UserFactory(charge_orientation=True)
    client.force_login(user)
    return user


def _entre_il_y_a(jours, **kwargs):
    jour = AUJOURDHUI - datetime.timedelta(days=jours)
    return ParcoursFactory(date_ouverture_droit=jour, date_entree=jour, **kwargs)


def _liste(client, **filtres):
    return [p.pk for p in client.get(reverse("parcours:a_orienter"), filtres).context["page_obj"]]


def test_recherche_et_filtres(client, charge):
    nord = TerritoireFactory(nom="Nord")
    mdd_nord = MDDFactory(territoire=nord)
    ancienne = _entre_il_y_a(45, mdd=mdd_nord, beneficiaire=BeneficiaireFactory(nom="Roy", prenom="Pauline"))
    recente = _entre_il_y_a(5, mdd=MDDFactory(), beneficiaire=BeneficiaireFactory(nom="Martin", prenom="Paul"))
    assert _liste(client, q="roy") == [ancienne.pk]
    assert _liste(client, q=recente.beneficiaire.numero_allocataire) == [recente.pk]
    assert _liste(client, mdd=mdd_nord.pk) == [ancienne.pk]
    assert _liste(client, territoire=nord.pk) == [ancienne.pk]
    assert _liste(client, attente="au_dela") == [ancienne.pk]
    assert _liste(client, attente="dans_le_delai") == [recente.pk]
    contenu = client.get(reverse("parcours:a_orienter")).content.decode()
    assert "(Optionnel)" not in contenu


def test_apres_orientation_retour_a_la_meme_page_et_aux_memes_filtres(client, charge):
    parcours = _entre_il_y_a(45)
    liste = client.get(reverse("parcours:a_orienter"), {"attente": "au_dela", "page": "1"}).content.decode()
    lien = f"{reverse('parcours:orienter', args=[parcours.pk])}?retour=attente%3Dau_dela%26page%3D1"
    assert lien.replace("&", "&amp;") in liste or lien in liste
    reponse = client.post(
        lien,
        {
            "retour": "attente=au_dela&page=1",
            "orientation-version": parcours.version,
            "orientation-type": "sociale",
            "orientation-organisme_referent": "departement",
            "orientation-date_decision": AUJOURDHUI.isoformat(),
        },
    )
    assert reponse.status_code == 302
    assert reponse.url == f"{reverse('parcours:a_orienter')}?attente=au_dela&page=1"


def test_un_retour_forge_ne_sort_pas_de_la_file(client, charge):
    parcours = _entre_il_y_a(3)
    reponse = client.post(
        reverse("parcours:orienter", args=[parcours.pk]),
        {
            "retour": "//ailleurs.example/",
            "orientation-version": parcours.version,
            "orientation-type": "sociale",
            "orientation-organisme_referent": "departement",
            "orientation-date_decision": AUJOURDHUI.isoformat(),
        },
    )
    assert reponse.url.startswith(reverse("parcours:a_orienter") + "?")


def test_la_tuile_au_dela_du_delai_ouvre_la_liste_filtree(client, charge):
    _entre_il_y_a(45)
    _entre_il_y_a(2)
    accueil = client.get("/").content.decode()
    lien = f"{reverse('parcours:a_orienter')}?attente=au_dela"
    assert f'href="{lien}"' in accueil
    assert len(_liste(client, attente="au_dela")) == 1


def test_le_resultat_d_un_import_mene_aux_personnes_qu_il_a_ouvertes(client, charge):
    import_fichier = ImportFichier.objects.create(
        nom_fichier="entrants.csv",
        empreinte="0" * 64,
        utilisateur=charge,
        etat=ImportFichier.Etat.TERMINE,
        compteurs={"crees": 1, "parcours_ouverts": 1},
    )
    ouvert = _entre_il_y_a(1, import_fichier=import_fichier)
    _entre_il_y_a(1)
    page = client.get(reverse("imports:resume", args=[import_fichier.pk])).content.decode()
    lien = f"{reverse('parcours:a_orienter')}?import_fichier={import_fichier.pk}"
    assert f'href="{lien}"' in page
    assert _liste(client, import_fichier=import_fichier.pk) == [ouvert.pk]
