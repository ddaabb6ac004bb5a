"""The récit page of a thematic shows the thematic's figures, the same as the bilan's (frozen once approved),
each linked to its fiche."""

import datetime

import pytest
from django.urls import reverse

from evaluation import services
from tests.parcours.factories import PrescriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilan(admin, thematiques):
    return services.creer_bilan(2025, admin)


def test_la_page_recit_montre_les_chiffres_de_la_thematique_liees_a_leur_fiche(
    client, referent, bilan, thematiques, creer_donnees
):
    creer_donnees(3)
    client.force_login(referent)
    contenu = client.get(reverse("evaluation:narratif", args=[bilan.pk, thematiques[0].pk])).content.decode()
    assert "Chiffres 2025 de la thématique 1" in contenu
    for code, libelle in (("participants", "Participants aux actions"), ("taux_occupation", "Places conventionnées")):
        assert f"{reverse('evaluation:fiches')}#fiche-{code}" in contenu and libelle in contenu
    assert "Participants aux actions</a></th><td>3</td>" in contenu
    assert "Places conventionnées des actions en cours</a></th><td>30</td>" in contenu


def test_les_chiffres_de_la_page_recit_sont_ceux_du_bilan(admin, bilan, thematiques, creer_donnees):
    creer_donnees(4)
    ventilation = services.chiffres_du_bilan(bilan)["ventilations"]["thematique"]
    for t in thematiques:
        assert services.chiffres_de_la_thematique(bilan, t) == services.chiffres_de_la_thematique(bilan, t, ventilation)


def test_un_bilan_approuve_montre_les_chiffres_figes_de_chaque_thematique(
    client, admin, bilan, thematiques, creer_donnees
):
    action = creer_donnees(2)
    for t in thematiques:
        services.ecrire_narratif(bilan, t, "a", "b", admin)
    services.soumettre(bilan, admin)
    services.approuver(bilan, admin, datetime.date.today(), "CD-1")
    # Figures entered after approval do not change what the approved bilan shows.
    PrescriptionFactory(
        action=action, etat="entree", date_proposition=datetime.date(2025, 5, 1), date_entree=datetime.date(2025, 5, 2)
    )
    assert services.chiffres_de_la_thematique(bilan, thematiques[0])[0]["valeur"] == 2
    client.force_login(admin)
    contenu = client.get(reverse("evaluation:bilan", args=[bilan.pk])).content.decode()
    assert "Chiffres 2025 de la thématique 1 (figés à l&#x27;approbation)" in contenu or (
        "Chiffres 2025 de la thématique 1 (figés à l'approbation)" in contenu
    )
    assert "Participants aux actions</a></th><td>2</td>" in contenu
