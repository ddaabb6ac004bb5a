"""The bilan annuel: brouillon → soumis → approuvé, then frozen by the model AND by the database."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from evaluation import services
from evaluation.models import BilanAnnuel, BilanApprouveError, EtatBilan, NarratifThematique, TransitionBilan
from evaluation.verrou import purge_autorisee
from tests.pacte.factories import PacteFactory, ThematiqueFactory, UserFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db

DEMAIN = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def pacte():
    return PacteFactory(date_debut=datetime.date(2022, 1, 1), date_fin=datetime.date(2030, 12, 31))


@pytest.fixture
def thematiques(pacte):
    return [ThematiqueFactory(pacte=pacte, numero=1), ThematiqueFactory(pacte=pacte, numero=2)]


@pytest.fixture
def admin():
    return UserFactory(administrateur=True)


@pytest.fixture
def referent(thematiques):
    return UserFactory(referent_thematique=True, thematiques=[thematiques[0]])


def _bilan_soumis(admin, thematiques):
    bilan = services.creer_bilan(2025, admin)
    for t in thematiques:
        services.ecrire_narratif(bilan, t, "Des avancées.", "Des difficultés.", admin)
    return services.soumettre(bilan, admin)


def _bilan_approuve(admin, thematiques):
    bilan = _bilan_soumis(admin, thematiques)
    return services.approuver(bilan, admin, DEMAIN, "2026-CD-042")


def test_le_referent_thematique_ecrit_le_recit_de_sa_thematique(admin, referent, thematiques):
    bilan = services.creer_bilan(2025, admin)
    services.ecrire_narratif(bilan, thematiques[0], "Ateliers ouverts.", "Mobilité.", referent)
    assert NarratifThematique.objects.get(bilan=bilan, thematique=thematiques[0]).avancees == "Ateliers ouverts."


def test_le_referent_thematique_ne_peut_pas_ecrire_une_autre_thematique(admin, referent, thematiques):
    bilan = services.creer_bilan(2025, admin)
    with pytest.raises(ValidationError):
        services.ecrire_narratif(bilan, thematiques[1], "x", "y", referent)
    assert not NarratifThematique.objects.exists()


def test_le_recit_ne_peut_plus_etre_ecrit_une_fois_le_bilan_soumis(admin, referent, thematiques):
    bilan = _bilan_soumis(admin, thematiques)
    with pytest.raises(ValidationError):
        services.ecrire_narratif(bilan, thematiques[0], "Autre texte", "y", referent)
    assert NarratifThematique.objects.get(bilan=bilan, thematique=thematiques[0]).avancees == "Des avancées."


def test_seul_un_administrateur_soumet_et_approuve(admin, referent, thematiques):
    bilan = services.creer_bilan(2025, admin)
    with pytest.raises(ValidationError):
        services.soumettre(bilan, referent)
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.BROUILLON
    bilan = services.soumettre(bilan, admin)
    with pytest.raises(ValidationError):
        services.approuver(bilan, referent, DEMAIN, "12")
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.SOUMIS


def test_approuver_sans_le_recit_de_chaque_thematique_est_refuse_sans_rien_ecrire(admin, thematiques):
    bilan = services.creer_bilan(2025, admin)
    services.ecrire_narratif(bilan, thematiques[0], "a", "b", admin)
    services.soumettre(bilan, admin)
    with pytest.raises(ValidationError) as erreur:
        services.approuver(bilan, admin, DEMAIN, "2026-1")
    assert "Thématique" in str(erreur.value) or "thématiques suivantes" in str(erreur.value)
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.SOUMIS
    assert bilan.instantane == {} and bilan.pdf is None


def test_une_deliberation_anterieure_a_la_soumission_est_refusee(admin, thematiques):
    bilan = _bilan_soumis(admin, thematiques)
    with pytest.raises(ValidationError) as erreur:
        services.approuver(bilan, admin, timezone.localdate() - datetime.timedelta(days=3), "2026-1")
    assert "date_deliberation" in erreur.value.message_dict
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.SOUMIS and bilan.date_deliberation is None


def test_l_approbation_fige_les_chiffres_les_textes_et_le_pdf_avec_son_empreinte(admin, thematiques):
    bilan = _bilan_approuve(admin, thematiques)
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.APPROUVE
    assert bytes(bilan.pdf).startswith(b"%PDF")
    assert bilan.pdf_sha256 == hashlib.sha256(bytes(bilan.pdf)).hexdigest()
    assert "stock_parcours_ouverts" in bilan.instantane["indicateurs"]
    assert [n["avancees"] for n in bilan.instantane["narratifs"]] == ["Des avancées.", "Des avancées."]
    assert list(TransitionBilan.objects.filter(bilan=bilan).values_list("etat_avant", "etat_apres")) == [
        ("", "brouillon"),
        ("brouillon", "soumis"),
        ("soumis", "approuve"),
    ]
    assert all(t.par == admin for t in TransitionBilan.objects.filter(bilan=bilan))


def test_un_bilan_approuve_refuse_toute_modification_par_le_modele(admin, thematiques):
    bilan = _bilan_approuve(admin, thematiques)
    bilan.numero_deliberation = "falsifié"
    with pytest.raises(BilanApprouveError):
        bilan.save()
    with pytest.raises(BilanApprouveError):
        bilan.delete()
    narratif = bilan.narratifs.first()
    narratif.avancees = "réécrit"
    with pytest.raises(BilanApprouveError):
        narratif.save()
    with pytest.raises(ValidationError):
        services.ecrire_narratif(bilan, thematiques[0], "réécrit", "réécrit", admin)
    bilan.refresh_from_db()
    assert bilan.numero_deliberation == "2026-CD-042"


def test_un_bilan_approuve_refuse_la_modification_en_base_meme_sans_passer_par_le_modele(admin, thematiques):
    bilan = _bilan_approuve(admin, thematiques)
    with pytest.raises(DatabaseError), transaction.atomic():
        BilanAnnuel.objects.filter(pk=bilan.pk).update(numero_deliberation="falsifié")
    with pytest.raises(DatabaseError), transaction.atomic():
        BilanAnnuel.objects.filter(pk=bilan.pk).update(etat=EtatBilan.BROUILLON)
    with pytest.raises(DatabaseError), transaction.atomic():
        BilanAnnuel.objects.filter(pk=bilan.pk)._raw_delete(BilanAnnuel.objects.db)
    with pytest.raises(DatabaseError), transaction.atomic():
        NarratifThematique.objects.filter(bilan=bilan).update(avancees="réécrit")
    with pytest.raises(DatabaseError), transaction.atomic():
        NarratifThematique.objects.filter(bilan=bilan)._raw_delete(NarratifThematique.objects.db)
    with pytest.raises(DatabaseError), transaction.atomic():
        NarratifThematique.objects.bulk_create(
            [NarratifThematique(bilan=bilan, thematique=ThematiqueFactory(), avancees="a", difficultes="b")]
        )
    bilan.refresh_from_db()
    assert bilan.numero_deliberation == "2026-CD-042" and bilan.etat == EtatBilan.APPROUVE
    assert set(bilan.narratifs.values_list("avancees", flat=True)) == {"Des avancées."}


def test_un_brouillon_reste_modifiable_en_base(admin, thematiques):
    bilan = services.creer_bilan(2025, admin)
    assert BilanAnnuel.objects.filter(pk=bilan.pk).update(numero_deliberation="brouillon") == 1


def test_la_purge_autorisee_supprime_mais_ne_modifie_jamais(admin, thematiques):
    bilan = _bilan_approuve(admin, thematiques)
    with pytest.raises(DatabaseError), purge_autorisee():
        BilanAnnuel.objects.filter(pk=bilan.pk).update(numero_deliberation="falsifié")
    with purge_autorisee():
        TransitionBilan.objects.filter(bilan=bilan).delete()
        BilanAnnuel.objects.filter(pk=bilan.pk).delete()
    assert not BilanAnnuel.objects.filter(pk=bilan.pk).exists()


def test_les_chiffres_figes_ne_changent_pas_quand_les_donnees_changent(admin, thematiques):
    ParcoursFactory(date_entree=datetime.date(2025, 3, 1))
    bilan = _bilan_approuve(admin, thematiques)
    avant = bilan.instantane["indicateurs"]["entrees"]["valeur"]
    assert avant == 1
    ParcoursFactory(date_entree=datetime.date(2025, 4, 1))
    ParcoursFactory(date_entree=datetime.date(2025, 5, 1))
    bilan = BilanAnnuel.objects.get(pk=bilan.pk)
    assert services.chiffres_du_bilan(bilan)["indicateurs"]["entrees"]["valeur"] == 1
    assert services.calculer_chiffres(2025)["indicateurs"]["entrees"]["valeur"] == 3


def test_une_nouvelle_version_part_du_bilan_approuve_et_se_compare_chiffre_par_chiffre(admin, thematiques):
    ParcoursFactory(date_entree=datetime.date(2025, 3, 1))
    bilan = _bilan_approuve(admin, thematiques)
    ParcoursFactory(date_entree=datetime.date(2025, 4, 1))
    nouveau = services.nouvelle_version(bilan, admin)
    assert (nouveau.annee, nouveau.version, nouveau.etat, nouveau.precedent) == (2025, 2, EtatBilan.BROUILLON, bilan)
    assert nouveau.narratifs.count() == 2
    with pytest.raises(ValidationError):
        services.nouvelle_version(bilan, admin)
    lignes = {ligne["code"]: ligne for ligne in services.comparer(bilan, nouveau)}
    assert (lignes["entrees"]["valeur_a"], lignes["entrees"]["valeur_b"], lignes["entrees"]["ecart"]) == (1, 2, 1)
    assert lignes["entrees"]["different"]


def test_un_seul_bilan_par_annee_est_cree_directement(admin, thematiques):
    services.creer_bilan(2025, admin)
    with pytest.raises(ValidationError):
        services.creer_bilan(2025, admin)
    assert BilanAnnuel.objects.count() == 1
