"""Per role and endpoint, a token sees exactly what its user sees on the pages (same querysets)."""

import pytest

from evaluation.permissions import voit_evaluation
from pacte.models import MDD, Commune, Objectif, Role, Site, Territoire, Thematique
from parcours.models import Prescription
from partenaires.models import Action
from tests.api.conftest import ROLES, client_avec_jeton, utilisateur_du_role

pytestmark = pytest.mark.django_db

REFERENTIEL = {
    "thematiques": Thematique,
    "objectifs": Objectif,
    "territoires": Territoire,
    "mdd": MDD,
    "sites": Site,
    "communes": Commune,
}


def ids_de_l_api(client, url):
    ids, page = [], 1
    while True:
        reponse = client.get(url, {"page": page})
        assert reponse.status_code == 200, reponse.content
        donnees = reponse.json()
        ids += [ligne["id"] for ligne in donnees["results"]]
        if not donnees["next"]:
            return sorted(ids)
        page += 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("ressource", sorted(REFERENTIEL))
def test_le_referentiel_est_lisible_par_tous_les_roles(monde, role, ressource):
    client = client_avec_jeton(utilisateur_du_role(role, monde))
    attendu = sorted(REFERENTIEL[ressource].objects.values_list("pk", flat=True))
    assert attendu
    assert ids_de_l_api(client, f"/api/v1/{ressource}/") == attendu


@pytest.mark.parametrize("role", ROLES)
def test_le_catalogue_de_l_api_est_celui_de_catalogue_pour(monde, role):
    user = utilisateur_du_role(role, monde)
    if role == Role.PARTENAIRE:
        # As on the pages: the catalogue page answers 404 to a partner, the API 403 with a French reason.
        reponse = client_avec_jeton(user).get("/api/v1/actions/")
        assert reponse.status_code == 403
        assert reponse.json()["detail"].startswith("Réservé aux prescripteurs")
        assert not Action.objects.catalogue_pour(user).exists()
        return
    attendu = sorted(Action.objects.catalogue_pour(user).values_list("pk", flat=True))
    assert ids_de_l_api(client_avec_jeton(user), "/api/v1/actions/") == attendu


@pytest.mark.parametrize("role", ROLES)
def test_les_prescriptions_de_l_api_sont_celles_du_partenaire_et_seulement_pour_lui(monde, role):
    user = utilisateur_du_role(role, monde)
    client = client_avec_jeton(user)
    if role != Role.PARTENAIRE:
        reponse = client.get("/api/v1/prescriptions/")
        assert reponse.status_code == 403
        assert reponse.json()["detail"].startswith("Réservé aux comptes partenaires")
        return
    attendu = sorted(Prescription.objects.visible_par(user).values_list("pk", flat=True))
    assert attendu == sorted(
        Prescription.objects.filter(action__partenaire=monde["partenaire_a"]).values_list("pk", flat=True)
    )
    assert ids_de_l_api(client, "/api/v1/prescriptions/") == attendu


@pytest.mark.parametrize("role", ROLES)
def test_les_indicateurs_suivent_l_acces_au_tableau_de_bord(monde, role):
    user = utilisateur_du_role(role, monde)
    reponse = client_avec_jeton(user).get("/api/v1/indicateurs/", {"debut": "2025-01-01", "fin": "2025-12-31"})
    assert reponse.status_code == (200 if voit_evaluation(user) else 403)


def test_un_partenaire_ne_lit_pas_la_prescription_d_un_autre_partenaire(monde, partenaire_a):
    autre = monde["prescriptions"][(monde["mdd_a"].pk, monde["action_b"].pk)]
    reponse = client_avec_jeton(partenaire_a).get(f"/api/v1/prescriptions/{autre.pk}/")
    assert reponse.status_code == 404
