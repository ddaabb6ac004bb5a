"""charger_referentiel: loads the Haute-Vienne file, twice = once, a bad file is refused by line and writes nothing."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from pacte.models import MDD, Commune, Objectif, Pacte, Site, Territoire, Thematique
from pacte.referentiel import ReferentielInvalide, charger

FICHIER_HV = settings.BASE_DIR / "referentiel" / "haute-vienne.yaml"

MINIMAL = """\
pacte:
  departement_code: "99"
  departement_nom: Essai
  nom: Pacte d'essai
  date_debut: 2024-01-01
  date_fin: 2026-12-31
thematiques:
  - numero: 1
    intitule: Orienter
    objectifs:
      - {code: "1.1", intitule: Orienter vite}
territoires:
  - {code: T1, nom: Territoire 1}
mdd:
  - code: M1
    nom: MDD Une
    territoire: T1
    communes:
      - {code_insee: "99001", nom: Ville, code_postal: "99000", milieu: urbain}
    sites:
      - {nom: Centre, code_insee: "99001", adresse: Rue haute, milieu: urbain}
"""


def _comptes():
    return [m.objects.count() for m in (Pacte, Thematique, Objectif, Territoire, MDD, Commune, Site)]


@pytest.mark.django_db
def test_le_referentiel_de_la_haute_vienne_est_complet():
    call_command("charger_referentiel", str(FICHIER_HV), stdout=StringIO())
    pacte = Pacte.objects.get()
    assert (pacte.departement_code, pacte.date_debut.year, pacte.date_fin.year) == ("87", 2022, 2025)
    assert Thematique.objects.count() == 5
    assert Objectif.objects.filter(thematique__numero=1).exists()
    assert MDD.objects.count() == 27
    assert 45 <= Site.objects.count() <= 55
    assert set(Site.objects.values_list("milieu", flat=True)) == {"urbain", "rural"}
    for connue in ("Limoges Les Carmes", "Bessines-sur-Gartempe", "Saint-Germain-les-Belles", "Châlus"):
        assert MDD.objects.filter(nom__contains=connue).exists(), connue
    assert Commune.objects.get(code_insee="87085").nom == "Limoges"


@pytest.mark.django_db
def test_charger_deux_fois_revient_a_charger_une_fois():
    call_command("charger_referentiel", str(FICHIER_HV), stdout=StringIO())
    avant = _comptes()
    out = StringIO()
    call_command("charger_referentiel", str(FICHIER_HV), stdout=out)
    assert _comptes() == avant
    assert "0 créé(s), 0 modifié(s)" in out.getvalue()


@pytest.mark.django_db
def test_une_modification_du_fichier_met_a_jour_sans_dupliquer():
    charger(MINIMAL)
    bilan = charger(MINIMAL.replace("nom: MDD Une", "nom: MDD Renommée"))
    assert MDD.objects.get(code="M1").nom == "MDD Renommée"
    assert (bilan.crees, bilan.modifies) == (0, 1)
    assert MDD.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "remplacement, ligne, message",
    [
        (
            ('code_insee: "99001", nom: Ville', 'code_insee: "9X001", nom: Ville'),
            19,
            "code INSEE « 9X001 » est invalide",
        ),
        (("territoire: T1", "territoire: T9"), 17, "territoire « T9 » n'est pas déclaré"),
        (("date_fin: 2026-12-31", "date_fin: 2023-12-31"), 6, "date de fin du pacte doit suivre"),
        (("milieu: urbain}\n    sites", "milieu: lunaire}\n    sites"), 19, "milieu « lunaire » est inconnu"),
        (("date_debut: 2024-01-01", "date_debut: 2024-13-45"), 5, "format attendu AAAA-MM-JJ"),
        (('{code: "1.1", intitule: Orienter vite}', '{code: "1.1"}'), 11, "« intitule » est obligatoire"),
    ],
)
def test_un_fichier_invalide_est_refuse_en_nommant_la_ligne_et_rien_n_est_ecrit(remplacement, ligne, message):
    contenu = MINIMAL.replace(*remplacement)
    assert contenu != MINIMAL
    with pytest.raises(ReferentielInvalide) as exc:
        charger(contenu)
    assert any(e.startswith(f"Ligne {ligne} :") and message in e for e in exc.value.erreurs), exc.value.erreurs
    assert _comptes() == [0] * 7


@pytest.mark.django_db
def test_un_fichier_qui_n_est_pas_du_yaml_est_refuse_en_francais(tmp_path):
    fichier = tmp_path / "casse.yaml"
    fichier.write_text("pacte: [\n  nom: : :\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"rien n'a été enregistré(.|\n)*Ligne \d+ : le fichier n'est pas un YAML"):
        call_command("charger_referentiel", str(fichier), stdout=StringIO())
    assert _comptes() == [0] * 7


@pytest.mark.django_db
def test_un_fichier_absent_ou_mal_encode_donne_un_message_francais(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        call_command("charger_referentiel", str(tmp_path / "absent.yaml"))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("nom: Châlus".encode("latin-1"))
    with pytest.raises(CommandError, match="n'est pas encodé en UTF-8"):
        call_command("charger_referentiel", str(latin))


@pytest.mark.django_db
def test_une_erreur_en_fin_de_fichier_n_ecrit_pas_le_debut():
    contenu = MINIMAL + "  - code: M2\n    nom: MDD Deux\n    territoire: INCONNU\n    sites: []\n"
    with pytest.raises(ReferentielInvalide):
        charger(contenu)
    assert Pacte.objects.count() == 0
