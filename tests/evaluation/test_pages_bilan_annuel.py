"""The bilan pages: who may do what, refused forms write nothing, comparison page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import BilanAnnuel, EtatBilan, NarratifThematique
from pacte.models import TacheDeFond

pytestmark = pytest.mark.django_db
DEMAIN = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def bilan(admin, thematiques):
    return services.creer_bilan(2025, admin)


def test_l_administrateur_cree_un_bilan_en_brouillon(client, admin, thematiques):
    client.force_login(admin)
    reponse = client.post(reverse("evaluation:bilans"), {"annee": timezone.localdate().year})
    bilan = BilanAnnuel.objects.get()
    assert reponse.url == reverse("evaluation:bilan", args=[bilan.pk])
    assert bilan.etat == EtatBilan.BROUILLON


def test_le_referent_ne_cree_ni_ne_soumet_un_bilan(client, referent, bilan):
    client.force_login(referent)
    assert client.post(reverse("evaluation:bilans"), {"annee": 2024}).status_code == 404
    assert client.post(reverse("evaluation:soumettre", args=[bilan.pk])).status_code == 404
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.BROUILLON and BilanAnnuel.objects.count() == 1


def test_le_referent_ecrit_le_recit_de_sa_thematique_seulement(client, referent, bilan, thematiques):
    client.force_login(referent)
    page = client.get(reverse("evaluation:bilan", args=[bilan.pk])).content.decode()
    assert reverse("evaluation:narratif", args=[bilan.pk, thematiques[0].pk]) in page
    assert reverse("evaluation:narratif", args=[bilan.pk, thematiques[1].pk]) not in page
    url = reverse("evaluation:narratif", args=[bilan.pk, thematiques[0].pk])
    assert client.post(url, {"avancees": "Ateliers", "difficultes": "Mobilité"}).status_code == 302
    autre = reverse("evaluation:narratif", args=[bilan.pk, thematiques[1].pk])
    assert client.post(autre, {"avancees": "x", "difficultes": "y"}).status_code == 404
    assert list(NarratifThematique.objects.values_list("thematique", flat=True)) == [thematiques[0].pk]


def test_un_recit_vide_est_refuse_avec_un_message_sans_rien_ecrire(client, referent, bilan, thematiques):
    client.force_login(referent)
    url = reverse("evaluation:narratif", args=[bilan.pk, thematiques[0].pk])
    reponse = client.post(url, {"avancees": "", "difficultes": "y"})
    assert reponse.status_code == 200
    assert "Ce champ est obligatoire" in reponse.content.decode()
    assert not NarratifThematique.objects.exists()


def test_approuver_sans_tous_les_recits_affiche_le_message_et_n_ecrit_rien(client, admin, bilan, thematiques):
    services.ecrire_narratif(bilan, thematiques[0], "a", "b", admin)
    services.soumettre(bilan, admin)
    client.force_login(admin)
    reponse = client.post(
        reverse("evaluation:approuver", args=[bilan.pk]),
        {"date_deliberation": DEMAIN.isoformat(), "numero_deliberation": "2026-12"},
    )
    assert "Le bilan des thématiques suivantes manque" in reponse.content.decode()
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.SOUMIS and not bilan.pdf_sha256
    assert not TacheDeFond.objects.exists()


def test_approuver_par_la_page_fige_le_bilan_via_une_tache(client, admin, bilan, thematiques):
    for t in thematiques:
        services.ecrire_narratif(bilan, t, "a", "b", admin)
    services.soumettre(bilan, admin)
    client.force_login(admin)
    reponse = client.post(
        reverse("evaluation:approuver", args=[bilan.pk]),
        {"date_deliberation": DEMAIN.isoformat(), "numero_deliberation": "2026-12"},
    )
    assert reponse.url == reverse("evaluation:bilan", args=[bilan.pk])
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.APPROUVE
    tache = TacheDeFond.objects.get()
    assert tache.etat == TacheDeFond.Etat.TERMINEE and tache.fichier_nom.endswith(".pdf")
    pdf = client.get(reverse("evaluation:bilan_pdf", args=[bilan.pk]))
    assert pdf.content == bytes(bilan.pdf) and pdf["X-Empreinte-SHA256"] == bilan.pdf_sha256
    page = client.get(reverse("evaluation:bilan", args=[bilan.pk])).content.decode()
    assert "Bilan approuvé et figé" in page and "VARIABLE INCONNUE" not in page
    contenu_principal = page.split('<main id="contenu"')[1].split("</main>")[0]
    assert admin.last_name not in contenu_principal  # the log shows the role, not the person


def test_la_page_de_comparaison_montre_chaque_chiffre_des_deux_versions(client, admin, bilan, thematiques):
    from tests.parcours.factories import ParcoursFactory

    for t in thematiques:
        services.ecrire_narratif(bilan, t, "a", "b", admin)
    services.soumettre(bilan, admin)
    services.approuver(bilan, admin, DEMAIN, "2026-12")
    ParcoursFactory(date_entree=datetime.date(2025, 5, 1))
    nouveau = services.nouvelle_version(bilan, admin)
    client.force_login(admin)
    contenu = client.get(reverse("evaluation:comparer"), {"a": bilan.pk, "b": nouveau.pk}).content.decode()
    assert "Personnes entrées dans le dispositif</a></th><td>0</td><td>1</td><td>+1</td><td>oui</td>" in contenu
    assert "VARIABLE INCONNUE" not in contenu


def test_les_pages_de_bilans_ont_un_nombre_de_requetes_borne(client, admin, thematiques, django_assert_max_num_queries):
    for annee in range(2020, 2025):
        services.creer_bilan(annee, admin)
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        client.get(reverse("evaluation:bilans"))
