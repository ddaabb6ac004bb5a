"""«Mes actions» and the action page: scope by thematic, aggregates only, constant query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from parcours.choices import EtatPrescription as E
from tests.pacte.factories import ThematiqueFactory, UserFactory
from tests.parcours.factories import PrescriptionFactory
from tests.partenaires.factories import (
    ActionFactory,
    AjustementFactory,
    ObjectifActionFactory,
    ResultatActionFactory,
    VersementFactory,
)

pytestmark = pytest.mark.django_db

INCONNUE = "VARIABLE INCONNUE"


def _annee_courante(**kwargs):
    annee = timezone.localdate().year
    return ActionFactory(date_debut=datetime.date(annee - 1, 1, 1), date_fin=datetime.date(annee + 1, 12, 31), **kwargs)


@pytest.fixture
def referent():
    return UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])


def _action_du_referent(referent, **kwargs):
    thematique = referent.thematiques.first()
    from tests.pacte.factories import ObjectifFactory

    return _annee_courante(objectif=ObjectifFactory(thematique=thematique), **kwargs)


def test_referent_voit_les_actions_de_sa_thematique_seulement(client, referent):
    mienne = _action_du_referent(referent)
    autre = _annee_courante()
    client.force_login(referent)
    reponse = client.get(reverse("partenaires:mes_actions"))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert escape(mienne.intitule) in contenu
    assert escape(autre.intitule) not in contenu
    assert INCONNUE not in contenu


def test_administrateur_voit_toutes_les_actions(client):
    actions = [_annee_courante() for _ in range(3)]
    client.force_login(UserFactory(administrateur=True))
    contenu = client.get(reverse("partenaires:mes_actions")).content.decode()
    assert all(escape(action.intitule) in contenu for action in actions)


def test_travailleur_social_n_a_pas_acces_a_mes_actions(client):
    client.force_login(UserFactory(travailleur_social=True))
    assert client.get(reverse("partenaires:mes_actions")).status_code == 404


def test_mes_actions_filtre_par_mots_et_alertes(client, referent):
    pleine = _action_du_referent(referent, intitule="Chantier bois", places=1)
    PrescriptionFactory(action=pleine, etat=E.ENTREE, date_proposition=pleine.date_debut, date_entree=pleine.date_debut)
    vide = _action_du_referent(referent, intitule="Atelier numérique", places=10)
    client.force_login(referent)
    contenu = client.get(reverse("partenaires:mes_actions"), {"q": "bois"}).content.decode()
    assert "Chantier bois" in contenu and "Atelier numérique" not in contenu
    contenu = client.get(reverse("partenaires:mes_actions"), {"alerte": "oui"}).content.decode()
    assert escape(vide.intitule) in contenu
    assert "Occupation inférieure à 50 %" in contenu


def test_mes_actions_a_un_nombre_de_requetes_constant(client, referent, django_assert_max_num_queries):
    client.force_login(referent)

    def creer(n):
        for _ in range(n):
            action = _action_du_referent(referent)
            PrescriptionFactory(action=action, etat=E.PROPOSEE, date_proposition=action.date_debut)
            ResultatActionFactory(
                action=action,
                periode_debut=action.date_debut,
                periode_fin=action.date_debut + datetime.timedelta(days=180),
            )
            VersementFactory(financement=action.financement)

    creer(5)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("partenaires:mes_actions")).status_code == 200
    creer(20)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("partenaires:mes_actions")).status_code == 200


def test_page_action_montre_les_agregats_sans_noms(client, referent):
    action = _action_du_referent(referent, places=4)
    prescriptions = [
        PrescriptionFactory(
            action=action,
            etat=E.ENTREE,
            date_proposition=action.date_debut,
            date_entree=action.date_debut,
            # Names no other row of the page can carry: faker may give the référent the same surname.
            parcours__beneficiaire__nom=f"Nominatif{numero}",
            parcours__beneficiaire__numero_allocataire=f"98765{numero}",
        )
        for numero in range(2)
    ]
    ObjectifActionFactory(action=action, indicateur="participants", valeur_cible=20)
    ResultatActionFactory(
        action=action,
        periode_debut=action.date_debut,
        periode_fin=action.date_debut + datetime.timedelta(days=30),
        participants=5,
    )
    AjustementFactory(action=action, objet="Ouverture d'un second groupe")
    client.force_login(referent)
    contenu = client.get(reverse("partenaires:action", args=[action.pk])).content.decode()
    assert "2 personnes entrées sur 4 places (50 %)" in contenu
    assert "Ouverture d&#x27;un second groupe" in contenu
    assert "25 %" in contenu  # 5 participants on a target of 20
    for prescription in prescriptions:
        assert escape(prescription.parcours.beneficiaire.nom) not in contenu
        assert prescription.parcours.beneficiaire.numero_allocataire not in contenu
    assert INCONNUE not in contenu


def test_page_action_d_une_autre_thematique_repond_404(client, referent):
    autre = _annee_courante()
    client.force_login(referent)
    assert client.get(reverse("partenaires:action", args=[autre.pk])).status_code == 404


def test_page_action_a_un_nombre_de_requetes_borne(client, referent, django_assert_max_num_queries):
    action = _action_du_referent(referent)
    client.force_login(referent)
    for _ in range(3):
        AjustementFactory(action=action)
        VersementFactory(financement=action.financement, montant=1)
    with django_assert_max_num_queries(20):
        client.get(reverse("partenaires:action", args=[action.pk]))
    for _ in range(30):
        AjustementFactory(action=action)
        VersementFactory(financement=action.financement, montant=1)
    with django_assert_max_num_queries(20):
        client.get(reverse("partenaires:action", args=[action.pk]))
