import pytest


@pytest.mark.django_db
def test_la_page_de_connexion_est_en_francais_avec_le_dsfr_pour_l_etat(client, operateur_etat):
    response = client.get("/connexion/")
    assert response.status_code == 200
    contenu = response.content.decode()
    assert '<html lang="fr"' in contenu
    assert "dsfr" in contenu
    assert "Se connecter" in contenu


@pytest.mark.django_db
def test_la_page_de_connexion_est_en_francais_avec_la_fondation_du_departement(client, operateur_collectivite):
    response = client.get("/connexion/")
    assert response.status_code == 200
    contenu = response.content.decode()
    assert '<html lang="fr"' in contenu
    assert "vendor/bootstrap/bootstrap.min.css" in contenu and "dsfr" not in contenu
    assert "Se connecter" in contenu


@pytest.mark.django_db
def test_une_page_privee_renvoie_vers_la_connexion(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/connexion/")
