"""The droits et devoirs scale: read from the référentiel, refused outside the legal frame, versioned by date."""

import datetime

import pytest

from pacte.models import BaremeDroitsDevoirs, Pacte
from pacte.referentiel import ReferentielInvalide, charger
from tests.pacte.test_charger_referentiel import FICHIER_HV, MINIMAL

BAREME = """\
droits_et_devoirs:
  baremes:
    - date_effet: 2025-06-01
      taux_min: 30
      taux_max: 100
      duree_min_mois: 1
      duree_max_mois: 2
      duree_max_reiteration_mois: 4
      delai_reiteration_mois: 12
      plafond_foyer_plusieurs: 50
      delai_observations_jours: 30
      avis_ep_suspension: true
      quorum_ep: 3
      roles_delegataires: [responsable_mdd, administrateur]
      heures_hebdomadaires_cible: 15
      duree_rendez_vous_heures: 1.5
      alerte_semaines: 3
      alerte_seuil_pourcentage: 50
      tribunal_administratif: Tribunal administratif de Limoges, 1 cours Vergniaud, 87000 Limoges
"""
LIGNE_BAREME = MINIMAL.count("\n") + 3


@pytest.mark.django_db
def test_le_bareme_de_la_haute_vienne_est_charge_dans_le_cadre_legal():
    charger(FICHIER_HV.read_text(encoding="utf-8"))
    bareme = BaremeDroitsDevoirs.objects.get()
    assert (bareme.taux_min, bareme.taux_max, bareme.plafond_foyer_plusieurs) == (30, 100, 50)
    assert (bareme.duree_max_mois, bareme.duree_max_reiteration_mois) == (2, 4)
    assert bareme.roles_delegataires == ["responsable_mdd", "administrateur"]


@pytest.mark.django_db
def test_un_fichier_sans_rubrique_droits_et_devoirs_reste_valable():
    charger(MINIMAL)
    assert Pacte.objects.exists() and not BaremeDroitsDevoirs.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "remplacement, cle, message",
    [
        (("taux_min: 30", "taux_min: 20"), "taux_min", "inférieur à 30 % (art. R262-68-1 CASF)"),
        (("duree_max_mois: 2", "duree_max_mois: 3"), "duree_max_mois", "2 mois (art. R262-68-1 1° CASF)"),
        (
            ("duree_max_reiteration_mois: 4", "duree_max_reiteration_mois: 6"),
            "duree_max_reiteration_mois",
            "R262-68-1 2°",
        ),
        (("plafond_foyer_plusieurs: 50", "plafond_foyer_plusieurs: 60"), "plafond_foyer_plusieurs", "R262-68-6"),
        (("delai_observations_jours: 30", "delai_observations_jours: 0"), "delai_observations_jours", "L262-37 III"),
        (("taux_max: 100", "taux_max: cent"), "taux_max", "entier positif"),
        (("[responsable_mdd, administrateur]", "[directeur]"), "roles_delegataires", "liste de rôles"),
        (("avis_ep_suspension: true", "avis_ep_suspension: peut-être"), "avis_ep_suspension", "oui (true)"),
        (("heures_hebdomadaires_cible: 15", "heures_hebdomadaires_cible: 50"), "heures_hebdomadaires_cible", "0 à 35"),
    ],
)
def test_un_bareme_hors_du_cadre_legal_est_refuse_en_nommant_la_ligne_et_l_article(remplacement, cle, message):
    contenu = MINIMAL + BAREME.replace(*remplacement)
    ligne = LIGNE_BAREME + BAREME.split("\n").index(next(x for x in BAREME.split("\n") if f"{cle}:" in x)) - 2
    with pytest.raises(ReferentielInvalide) as exc:
        charger(contenu)
    assert any(e.startswith(f"Ligne {ligne} :") and message in e for e in exc.value.erreurs), exc.value.erreurs
    assert not BaremeDroitsDevoirs.objects.exists() and not Pacte.objects.exists()


@pytest.mark.django_db
def test_un_nouveau_bareme_s_applique_a_partir_de_sa_date_d_effet_et_recharger_ne_duplique_pas():
    second = BAREME.split("\n", 2)[2].replace("2025-06-01", "2026-01-01").replace("taux_max: 100", "taux_max: 80")
    contenu = MINIMAL + BAREME + second
    charger(contenu)
    charger(contenu)
    assert BaremeDroitsDevoirs.objects.count() == 2
    assert BaremeDroitsDevoirs.objects.en_vigueur_le(datetime.date(2025, 12, 31)).taux_max == 100
    assert BaremeDroitsDevoirs.objects.en_vigueur_le(datetime.date(2026, 1, 1)).taux_max == 80
    assert BaremeDroitsDevoirs.objects.en_vigueur_le(datetime.date(2025, 5, 31)) is None
