"""The brand comes from the référentiel: a second département's file gives its pages its own name, colours and logo;
colours below the AA contrast, an unknown font or a doubtful logo are refused in French with their line, and nothing
is written. The State operator shows the bloc-marque with its own service name and the département as context."""

import base64
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env_choix
from pacte.marque import contraste, identite
from pacte.models import Marque, Pacte
from pacte.referentiel import ReferentielInvalide, charger
from tests.pacte.factories import UserFactory

CREUSE = Path(__file__).parent / "donnees" / "creuse"


def _charger_creuse(remplacer=None):
    contenu = (CREUSE / "referentiel.yaml").read_text(encoding="utf-8")
    for avant, apres in (remplacer or {}).items():
        assert avant in contenu
        contenu = contenu.replace(avant, apres)
    return charger(contenu, CREUSE)


@pytest.mark.django_db
def test_les_pages_d_un_second_departement_montrent_ses_couleurs_son_logo_et_son_nom(client, operateur_collectivite):
    _charger_creuse()
    client.force_login(UserFactory(administrateur=True))
    contenu = client.get("/").content.decode()
    assert "--pacte-couleur-primaire: #2d5016;" in contenu and "--pacte-couleur-secondaire: #6a1b9a;" in contenu
    assert "Département Creuse" in contenu and "Haute-Vienne" not in contenu
    # No font named in its référentiel: the system's, and no font file.
    assert "@font-face" not in contenu
    marque = identite()
    assert f'src="{marque.logo_url}"' in contenu
    logo = client.get(marque.logo_url)
    assert logo.status_code == 200 and logo["Content-Type"] == "image/svg+xml"
    assert logo.content == (CREUSE / "logo-creuse.svg").read_bytes()
    assert "immutable" in logo["Cache-Control"] and "default-src 'none'" in logo["Content-Security-Policy"]
    assert client.get(marque.logo_url.replace(marque.empreinte, "0" * 16)).status_code == 404


@pytest.mark.django_db
def test_le_logo_s_affiche_sans_connexion_sur_la_page_de_connexion(client, referentiel_hv, operateur_collectivite):
    contenu = client.get("/connexion/").content.decode()
    marque = identite()
    assert marque.logo_url in contenu
    assert client.get(marque.logo_url).content == base64.b64decode(marque.logo_base64)


@pytest.mark.parametrize(
    ("remplacer", "attendu"),
    [
        ({'"#2d5016"': '"#f5c400"'}, "Ligne 11 : la couleur « couleur_primaire » (#f5c400) n'a qu'un contraste de 1,"),
        ({'"#6a1b9a"': '"#9e9e9e"'}, "il faut au moins 4,5:1 (RGAA, critère 3.2, niveau AA)"),
        ({'"#2d5016"': '"vert"'}, "Ligne 11 : la couleur « couleur_primaire » vaut « vert » : format attendu #rrvvbb"),
        ({"  couleur_secondaire": "  police: comic-sans\n  couleur_secondaire"}, "la police « comic-sans » n'est pas"),
        ({"logo-creuse.svg": "absent.svg"}, "Ligne 10 : le logo « absent.svg » est introuvable"),
        ({"logo-creuse.svg": "referentiel.yaml"}, "le logo « referentiel.yaml » doit être un fichier SVG ou PNG."),
    ],
)
@pytest.mark.django_db
def test_une_marque_illisible_est_refusee_en_francais_et_rien_n_est_ecrit(remplacer, attendu):
    with pytest.raises(ReferentielInvalide) as refus:
        _charger_creuse(remplacer)
    assert any(attendu in erreur for erreur in refus.value.erreurs), refus.value.erreurs
    assert Marque.objects.count() == 0 and Pacte.objects.count() == 0


@pytest.mark.django_db
def test_un_logo_svg_qui_porte_un_script_est_refuse(tmp_path):
    (tmp_path / "referentiel.yaml").write_text((CREUSE / "referentiel.yaml").read_text(encoding="utf-8"))
    (tmp_path / "logo-creuse.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')
    with pytest.raises(ReferentielInvalide, match="n'est pas un SVG simple"):
        charger((tmp_path / "referentiel.yaml").read_text(), tmp_path)
    assert Marque.objects.count() == 0


def test_le_contraste_est_celui_des_wcag():
    assert round(contraste("#000000", "#ffffff"), 1) == 21.0
    assert round(contraste("#767676", "#ffffff"), 2) == 4.54
    assert contraste("#777777", "#ffffff") < 4.5


@pytest.mark.django_db
def test_recharger_la_marque_la_met_a_jour_et_la_page_la_suit_sans_attendre(client, operateur_collectivite):
    _charger_creuse()
    client.force_login(UserFactory(administrateur=True))
    client.get("/")
    _charger_creuse({'"#2d5016"': '"#1b3d6d"'})
    assert Marque.objects.get().couleur_primaire == "#1b3d6d"
    assert "--pacte-couleur-primaire: #1b3d6d;" in client.get("/").content.decode()


@pytest.mark.django_db
def test_la_marque_est_lue_une_fois_puis_gardee_en_cache(referentiel_hv, django_assert_num_queries):
    identite()
    with django_assert_num_queries(0):
        assert identite().nom_departement == "Haute-Vienne"


def test_un_operateur_inconnu_est_refuse_en_francais(monkeypatch):
    monkeypatch.setenv("PACTE_OPERATEUR", "prefecture")
    with pytest.raises(ImproperlyConfigured, match="PACTE_OPERATEUR vaut « prefecture » : valeurs acceptées"):
        env_choix("PACTE_OPERATEUR", "collectivite", ("collectivite", "etat"))


def test_sans_reglage_l_operateur_est_la_collectivite(monkeypatch):
    monkeypatch.delenv("PACTE_OPERATEUR", raising=False)
    assert env_choix("PACTE_OPERATEUR", "collectivite", ("collectivite", "etat")) == "collectivite"


@pytest.mark.django_db
def test_l_etat_montre_le_bloc_marque_son_service_et_le_departement_en_contexte(
    client, settings, referentiel_hv, operateur_etat
):
    settings.PACTE_NOM_SERVICE = "Plateforme nationale de l'insertion"
    client.force_login(UserFactory(administrateur=True))
    contenu = client.get("/").content.decode()
    assert '<p class="fr-logo">République<br>française</p>' in contenu
    assert '<p class="fr-header__service-title">Plateforme nationale de l&#x27;insertion</p>' in contenu
    assert "Département Haute-Vienne · Pacte territorial d&#x27;insertion de la Haute-Vienne" in contenu
    assert "/static/dsfr/dist/dsfr/dsfr.min.css" in contenu and "/marque/logo-" not in contenu
    assert 'href="https://www.legifrance.gouv.fr"' in contenu and 'href="/accessibilite/"' in contenu


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("operateur", "attendu"),
    [
        ("operateur_collectivite", "Le département Haute-Vienne"),
        ("operateur_etat", "Pacte territorial d&#x27;insertion, qui exploite ce service pour l'État,"),
    ],
)
def test_la_declaration_d_accessibilite_suit_l_operateur(client, referentiel_hv, operateur, attendu, request):
    request.getfixturevalue(operateur)
    contenu = client.get("/accessibilite/").content.decode()
    assert "<h1>Déclaration d'accessibilité</h1>" in contenu
    assert attendu in contenu
    assert "partiellement conforme" in contenu and "Défenseur des droits" in contenu
