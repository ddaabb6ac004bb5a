"""Production refuses a ProConnect half configured: a plain-http issuer, or no allowed domain."""

from tests.pacte.test_reglages_production import _manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "k" * 20 + "une-cle-longue-et-aleatoire-pour-la-production-1234567890",
    "ALLOWED_HOSTS": "pacte.departement.fr",
    "PROCONNECT_CLIENT_ID": "client",
    "PROCONNECT_CLIENT_SECRET": "secret",
}


def test_un_emetteur_en_http_est_refuse_en_production():
    resultat = _manage(
        "check", **PRODUCTION, PROCONNECT_ISSUER="http://proconnect.test/api/v2", PROCONNECT_DOMAINES="a.fr"
    )
    assert resultat.returncode != 0
    assert "PROCONNECT_ISSUER doit être une adresse https://" in resultat.stderr


def test_proconnect_sans_domaine_admis_est_refuse_en_production():
    resultat = _manage("check", **PRODUCTION, PROCONNECT_ISSUER="https://proconnect.test/api/v2")
    assert resultat.returncode != 0
    assert "PROCONNECT_DOMAINES doit lister les domaines" in resultat.stderr


def test_proconnect_complet_passe_le_controle_de_production():
    resultat = _manage(
        "check", **PRODUCTION, PROCONNECT_ISSUER="https://proconnect.test/api/v2", PROCONNECT_DOMAINES="a.fr"
    )
    assert resultat.returncode == 0, resultat.stderr
