"""The dashboard: access, filters kept in the URL, charts with their tables, constant number of queries."""

import pytest
from django.urls import reverse

from pacte.marque import identite

pytestmark = pytest.mark.django_db
URL = "/evaluation/"


def test_l_administrateur_voit_tous_les_indicateurs_avec_l_annee_precedente(client, admin, creer_donnees):
    creer_donnees(3)
    client.force_login(admin)
    reponse = client.get(URL, {"annee": 2025})
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "VARIABLE INCONNUE" not in contenu
    assert contenu.count("<h1") == 1
    assert "Personnes entrées dans le dispositif" in contenu
    assert "Même période un an avant" in contenu
    assert "non disponible" in contenu  # 2024 has no data: shown as such, never 0


def test_le_referent_thematique_voit_le_tableau_de_bord(client, referent):
    client.force_login(referent)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("profil", ["travailleur_social", "partenaire"])
def test_les_autres_roles_recoivent_une_404_sur_chaque_page(client, profil, request, admin):
    from evaluation.models import BilanAnnuel
    from tests.evaluation.factories import ComitePilotageFactory

    bilan = BilanAnnuel.objects.create(annee=2025, cree_par=admin)
    comite = ComitePilotageFactory()
    client.force_login(request.getfixturevalue(profil))
    urls = [
        URL,
        reverse("evaluation:export_indicateurs", args=["csv"]),
        reverse("evaluation:export_actions", args=["xlsx"]),
        reverse("evaluation:export_donnees_ouvertes"),
        reverse("evaluation:bilans"),
        reverse("evaluation:bilan", args=[bilan.pk]),
        reverse("evaluation:comparer"),
        reverse("evaluation:comites"),
        reverse("evaluation:comite", args=[comite.pk]),
        reverse("evaluation:comite_pdf", args=[comite.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("evaluation:soumettre", args=[bilan.pk])).status_code == 404


def test_les_graphiques_sont_en_svg_avec_titre_description_et_tableau_de_donnees(
    client, admin, creer_donnees, operateur_collectivite
):
    creer_donnees(4)
    client.force_login(admin)
    contenu = client.get(URL, {"annee": 2025}).content.decode()
    assert contenu.count("<svg") == 5
    assert contenu.count("<title id=") == 5 and contenu.count("<desc id=") == 5
    assert "Données du graphique : entrées et sorties du dispositif par mois" in contenu
    assert 'th scope="row"' in contenu
    # In the operator's colours: the département's own (pacte.marque), the State's blue only for a State operator.
    assert identite().couleur_primaire in contenu and "#000091" not in contenu
    assert "cdn" not in contenu.lower()


def test_les_filtres_restent_dans_l_adresse_des_exports(client, admin, thematiques):
    client.force_login(admin)
    contenu = client.get(URL, {"annee": 2025, "thematique": thematiques[0].pk, "milieu": "rural"}).content.decode()
    assert f"thematique={thematiques[0].pk}" in contenu
    assert "milieu=rural" in contenu
    assert 'value="rural" selected' in contenu


def test_une_periode_dont_le_debut_suit_la_fin_est_refusee_avec_un_message(client, admin):
    client.force_login(admin)
    contenu = client.get(URL, {"debut": "2025-06-01", "fin": "2025-01-01"}).content.decode()
    assert "La fin de la période doit suivre son début." in contenu
    assert "Personnes entrées dans le dispositif" not in contenu


def test_une_periode_hors_des_dates_calculables_est_refusee_avec_un_message(client, admin):
    client.force_login(admin)
    for periode in ({"debut": "0001-01-01", "fin": "0001-12-31"}, {"debut": "9999-01-01", "fin": "9999-12-31"}):
        reponse = client.get(URL, periode)
        assert reponse.status_code == 200
        assert "Indiquez une date entre le 01/01/1900 et le 31/12/2099." in reponse.content.decode()
        assert "Personnes entrées dans le dispositif" not in reponse.content.decode()
        export = client.get(reverse("evaluation:export_indicateurs", args=["csv"]), periode)
        assert export.status_code == 400
        assert "Indiquez une date entre le 01/01/1900 et le 31/12/2099." in export.content.decode()


def test_aucune_personne_nommee_n_apparait(client, admin, creer_donnees):
    from parcours.models import Beneficiaire

    creer_donnees(3)
    client.force_login(admin)
    page = client.get(URL, {"annee": 2025}).content.decode()
    # The page body only: the header names the logged-in agent, whose first name Faker may share.
    contenu = page[page.index("<main") : page.index("</main>")]
    for nom in Beneficiaire.objects.values_list("nom", flat=True):
        assert f">{nom}<" not in contenu and f" {nom} " not in contenu


def test_le_nombre_de_requetes_ne_depend_pas_du_volume(
    client, admin, creer_donnees, django_assert_max_num_queries, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PACTE_FRAICHEUR_INDICATEURS = 0  # every request computes: this measures the computation
    client.force_login(admin)
    creer_donnees(5)
    with CaptureQueriesContext(connection) as petit:
        client.get(URL, {"annee": 2025})
    creer_donnees(45)
    with django_assert_max_num_queries(len(petit)):
        client.get(URL, {"annee": 2025})
    assert len(petit) < 80


def test_le_referent_voit_les_chiffres_d_une_autre_thematique(client, referent, thematiques, creer_donnees):
    creer_donnees(2)
    client.force_login(referent)
    reponse = client.get(URL, {"annee": 2025, "thematique": thematiques[1].pk})
    assert reponse.status_code == 200
    assert "Participants aux actions" in reponse.content.decode()


def test_une_periode_sans_donnee_le_dit_en_clair(client, admin):
    client.force_login(admin)
    contenu = client.get(URL, {"annee": 2019}).content.decode()
    assert "Aucune donnée pour cette période" in contenu


def test_avec_htmx_seul_le_bloc_des_resultats_est_renvoye(client, admin):
    client.force_login(admin)
    reponse = client.get(URL, {"annee": 2025, "milieu": "urbain"}, headers={"HX-Request": "true"})
    contenu = reponse.content.decode()
    assert contenu.lstrip().startswith('<div id="tableau">')
    assert "<h1" not in contenu and "<html" not in contenu
    assert "Personnes entrées dans le dispositif" in contenu


def test_les_actions_en_post_ne_revelent_pas_leur_existence_aux_autres_roles(client, travailleur_social):
    client.force_login(travailleur_social)
    assert client.get("/evaluation/export/actions.xlsx/en-tache/").status_code == 404
    assert client.post("/evaluation/export/actions.xlsx/en-tache/?annee=2025").status_code == 404
