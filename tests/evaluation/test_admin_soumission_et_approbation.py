"""Administrator: the real submission date (a bilan first submitted on paper), the order rule between the real
dates, and the approval form that exists only for a submitted bilan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import BilanAnnuel, EtatBilan, TransitionBilan

pytestmark = pytest.mark.django_db
AUJOURD_HUI = timezone.localdate()
ANNEE = AUJOURD_HUI.year - 1


@pytest.fixture
def bilan(admin, thematiques):
    bilan = services.creer_bilan(ANNEE, admin)
    for t in thematiques:
        services.ecrire_narratif(bilan, t, "Des avancées.", "Des difficultés.", admin)
    return bilan


def test_une_soumission_sur_papier_puis_une_deliberation_anterieure_a_l_enregistrement(admin, bilan):
    papier = datetime.date(ANNEE + 1, 1, 5) if datetime.date(ANNEE + 1, 1, 10) < AUJOURD_HUI else AUJOURD_HUI
    services.soumettre(bilan, admin, papier)
    bilan.refresh_from_db()
    assert bilan.date_soumission == papier and bilan.date_de_soumission == papier
    # The délibération came before the day the submission was typed into the app, after the paper one.
    services.approuver(bilan, admin, papier, "CD-2026-14")
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.APPROUVE and bilan.date_deliberation == papier


def test_la_deliberation_ne_peut_pas_preceder_la_soumission_reelle(admin, bilan):
    services.soumettre(bilan, admin, AUJOURD_HUI)
    with pytest.raises(ValidationError) as erreur:
        services.verifier_approbation(bilan, admin, AUJOURD_HUI - datetime.timedelta(days=1), "CD-1")
    assert "ne peut pas précéder la soumission du bilan" in erreur.value.message_dict["date_deliberation"][0]


@pytest.mark.parametrize(
    "date_soumission, message",
    [
        (AUJOURD_HUI + datetime.timedelta(days=1), "ne peut pas être dans le futur"),
        (datetime.date(ANNEE - 1, 12, 31), f"ne peut pas être soumis avant le 01/01/{ANNEE}"),
    ],
)
def test_une_date_de_soumission_impossible_est_refusee_en_francais_sans_rien_ecrire(
    client, admin, bilan, date_soumission, message
):
    client.force_login(admin)
    reponse = client.post(reverse("evaluation:soumettre", args=[bilan.pk]), {"date_soumission": date_soumission})
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert message in contenu
    assert 'aria-describedby="id_date_soumission' in contenu or "id_date_soumission-error" in contenu
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.BROUILLON and bilan.soumis_le is None and bilan.date_soumission is None
    assert TransitionBilan.objects.filter(bilan=bilan).count() == 1


def test_la_page_du_brouillon_propose_la_date_du_jour(client, admin, bilan):
    client.force_login(admin)
    contenu = client.get(reverse("evaluation:bilan", args=[bilan.pk])).content.decode()
    assert "Date de soumission à l&#x27;assemblée" in contenu or "Date de soumission à l'assemblée" in contenu
    assert f'value="{AUJOURD_HUI.isoformat()}"' in contenu


def test_la_soumission_par_la_page_garde_la_date_reelle(client, admin, bilan):
    client.force_login(admin)
    papier = max(datetime.date(ANNEE + 1, 1, 2), AUJOURD_HUI - datetime.timedelta(days=20))
    reponse = client.post(reverse("evaluation:soumettre", args=[bilan.pk]), {"date_soumission": papier.isoformat()})
    assert reponse.url == reverse("evaluation:bilan", args=[bilan.pk])
    bilan.refresh_from_db()
    assert bilan.etat == EtatBilan.SOUMIS and bilan.date_soumission == papier
    assert timezone.localdate(bilan.soumis_le) == AUJOURD_HUI  # when it was recorded stays known


def test_renvoyer_en_brouillon_efface_la_date_de_soumission(admin, bilan):
    services.soumettre(bilan, admin, AUJOURD_HUI)
    services.renvoyer_en_brouillon(bilan, admin)
    bilan.refresh_from_db()
    assert bilan.date_soumission is None and bilan.date_de_soumission is None


def test_un_ancien_bilan_sans_date_reelle_compare_a_la_date_d_enregistrement(admin, bilan):
    services.soumettre(bilan, admin, AUJOURD_HUI)
    BilanAnnuel.objects.filter(pk=bilan.pk).update(date_soumission=None)
    bilan.refresh_from_db()
    assert bilan.date_de_soumission == timezone.localdate(bilan.soumis_le)


@pytest.mark.parametrize("etat", ["brouillon", "approuve"])
def test_le_formulaire_d_approbation_n_existe_que_pour_un_bilan_soumis(client, admin, bilan, etat):
    if etat == "approuve":
        services.soumettre(bilan, admin, AUJOURD_HUI)
        services.approuver(bilan, admin, AUJOURD_HUI, "CD-1")
    client.force_login(admin)
    url = reverse("evaluation:approuver", args=[bilan.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"date_deliberation": AUJOURD_HUI, "numero_deliberation": "CD-2"}).status_code == 404
    page = client.get(reverse("evaluation:bilan", args=[bilan.pk])).content.decode()
    assert url not in page and "Enregistrer l&#x27;approbation" not in page and "Enregistrer l'approbation" not in page


def test_le_formulaire_d_approbation_s_ouvre_sur_un_bilan_soumis(client, admin, bilan):
    services.soumettre(bilan, admin, AUJOURD_HUI)
    client.force_login(admin)
    url = reverse("evaluation:approuver", args=[bilan.pk])
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("evaluation:bilan", args=[bilan.pk])).content.decode()
