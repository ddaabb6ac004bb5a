"""Working groups: run by the référent of the thematic; decisions linked to the ajustements they produced."""

import pytest
from django.urls import reverse

from partenaires.models import DecisionReunion, GroupeTravail, MembreGroupe, ReunionGroupe
from tests.pacte.factories import ThematiqueFactory, UserFactory
from tests.partenaires.factories import (
    AjustementFactory,
    DecisionReunionFactory,
    GroupeTravailFactory,
    MembreGroupeFactory,
    PartenaireFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def referent():
    return UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])


def test_la_liste_cree_le_groupe_de_chaque_thematique_du_referent(client, referent):
    autre = ThematiqueFactory()
    client.force_login(referent)
    contenu = client.get(reverse("partenaires:groupes")).content.decode()
    assert GroupeTravail.objects.filter(thematique=referent.thematiques.first()).exists()
    assert not GroupeTravail.objects.filter(thematique=autre).exists()
    assert "VARIABLE INCONNUE" not in contenu


def test_referent_ajoute_un_membre_representant_un_partenaire(client, referent):
    groupe = GroupeTravailFactory(thematique=referent.thematiques.first())
    partenaire = PartenaireFactory()
    client.force_login(referent)
    reponse = client.post(
        reverse("partenaires:groupe", args=[groupe.pk]),
        {"nom": "Marie Dubreuil", "structure": partenaire.raison_sociale, "partenaire": partenaire.pk},
    )
    assert reponse.status_code == 302
    assert MembreGroupe.objects.get(groupe=groupe).partenaire == partenaire


def test_referent_enregistre_une_reunion_avec_ses_decisions(client, referent):
    groupe = GroupeTravailFactory(thematique=referent.thematiques.first())
    membre = MembreGroupeFactory(groupe=groupe)
    client.force_login(referent)
    reponse = client.post(
        reverse("partenaires:nouvelle_reunion", args=[groupe.pk]),
        {
            "date": "2025-03-20",
            "participants": [membre.pk],
            "ordre_du_jour": "Résultats du semestre",
            "compte_rendu": "Bonne dynamique.",
            "decisions": "Ajouter deux places\n\nProlonger l'action",
        },
    )
    assert reponse.status_code == 302
    reunion = ReunionGroupe.objects.get()
    assert list(reunion.participants.all()) == [membre]
    assert list(DecisionReunion.objects.values_list("texte", flat=True).order_by("pk")) == [
        "Ajouter deux places",
        "Prolonger l'action",
    ]


def test_page_reunion_liste_les_ajustements_issus_des_decisions(client, referent):
    decision = DecisionReunionFactory(reunion__groupe=GroupeTravailFactory(thematique=referent.thematiques.first()))
    AjustementFactory(decision_reunion=decision, objet="Deux places de plus")
    client.force_login(referent)
    contenu = client.get(reverse("partenaires:reunion", args=[decision.reunion.pk])).content.decode()
    assert "Deux places de plus" in contenu
    assert "VARIABLE INCONNUE" not in contenu


def test_groupe_d_une_autre_thematique_404_sans_ecriture(client, referent):
    groupe = GroupeTravailFactory()
    client.force_login(referent)
    assert client.get(reverse("partenaires:groupe", args=[groupe.pk])).status_code == 404
    reponse = client.post(
        reverse("partenaires:nouvelle_reunion", args=[groupe.pk]), {"date": "2025-03-20", "ordre_du_jour": "x"}
    )
    assert reponse.status_code == 404
    assert not ReunionGroupe.objects.exists()
    reunion = ReunionGroupe.objects.create(groupe=groupe, date="2025-01-01", ordre_du_jour="x")
    assert client.get(reverse("partenaires:reunion", args=[reunion.pk])).status_code == 404


def test_partenaire_n_a_pas_acces_aux_groupes(client):
    client.force_login(UserFactory(partenaire_user=True))
    assert client.get(reverse("partenaires:groupes")).status_code == 404
