"""Ajustements apply their effect with before/after values; period results are checked and keep history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partenaires.models import Ajustement, ObjectifAction, ResultatAction
from partenaires.services import enregistrer_ajustement, enregistrer_resultat, enregistrer_versement
from tests.pacte.factories import ObjectifFactory, ThematiqueFactory, UserFactory
from tests.partenaires.factories import (
    ActionFactory,
    DecisionReunionFactory,
    GroupeTravailFactory,
    ObjectifActionFactory,
    ResultatActionFactory,
    VersementFactory,
)

pytestmark = pytest.mark.django_db

DEBUT = datetime.date(2025, 1, 1)


@pytest.fixture
def referent():
    return UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])


@pytest.fixture
def action(referent):
    return ActionFactory(objectif=ObjectifFactory(thematique=referent.thematiques.first()), places=10)


def _ajuster(action, referent, **kwargs):
    return enregistrer_ajustement(
        action, referent, date=datetime.date(2025, 6, 1), objet="Point", decision="Accord", **kwargs
    )


def test_ajustement_sur_les_places_modifie_l_action_et_garde_l_avant(action, referent):
    ajustement = _ajuster(action, referent, effet="places", places=14)
    action.refresh_from_db()
    assert action.places == 14
    assert (ajustement.valeur_avant, ajustement.valeur_apres) == ({"places": 10}, {"places": 14})


def test_ajustement_sur_les_objectifs_cree_ou_modifie_la_cible(action, referent):
    ObjectifActionFactory(action=action, indicateur="participants", valeur_cible=20)
    ajustement = _ajuster(action, referent, effet="objectifs", indicateur="participants", valeur_cible=25)
    assert ObjectifAction.objects.get(action=action, indicateur="participants").valeur_cible == 25
    assert ajustement.valeur_avant == {"participants": 20}
    _ajuster(action, referent, effet="objectifs", indicateur="heures", valeur_cible=500)
    assert ObjectifAction.objects.get(action=action, indicateur="heures").valeur_cible == 500


def test_ajustement_du_financement_modifie_le_montant_conventionne(action, referent):
    ajustement = _ajuster(action, referent, effet="financement", montant_conventionne=Decimal("60000"))
    action.financement.refresh_from_db()
    assert action.financement.montant_conventionne == Decimal("60000")
    assert ajustement.valeur_avant == {"montant_conventionne": "50000.00"}


def test_ajustement_du_financement_sous_les_versements_refuse(action, referent):
    VersementFactory(financement=action.financement, montant=Decimal("30000"))
    with pytest.raises(ValidationError, match="inférieur aux versements"):
        _ajuster(action, referent, effet="financement", montant_conventionne=Decimal("20000"))
    assert not Ajustement.objects.exists()


def test_ajustement_de_periode_qui_exclurait_des_resultats_refuse(action, referent):
    ResultatActionFactory(action=action, periode_debut=DEBUT, periode_fin=datetime.date(2025, 6, 30))
    with pytest.raises(ValidationError, match="sortiraient"):
        _ajuster(
            action, referent, effet="periode", date_debut=datetime.date(2025, 3, 1), date_fin=datetime.date(2026, 1, 1)
        )
    action.refresh_from_db()
    assert action.date_debut == DEBUT
    assert not Ajustement.objects.exists()


def test_formulaire_ajustement_enregistre_et_lie_a_une_decision(client, action, referent):
    decision = DecisionReunionFactory(reunion__groupe=GroupeTravailFactory(thematique=action.thematique))
    client.force_login(referent)
    reponse = client.post(
        reverse("partenaires:ajouter_ajustement", args=[action.pk]),
        {
            "date": "2025-06-01",
            "objet": "Hausse",
            "decision": "Deux places de plus",
            "effet": "places",
            "places": "12",
            "decision_reunion": decision.pk,
        },
    )
    assert reponse.status_code == 302
    action.refresh_from_db()
    assert action.places == 12
    assert Ajustement.objects.get().decision_reunion == decision


def test_formulaire_ajustement_htmx_renvoie_la_fiche_mise_a_jour(client, action, referent):
    client.force_login(referent)
    reponse = client.post(
        reverse("partenaires:ajouter_ajustement", args=[action.pk]),
        {"date": "2025-06-01", "objet": "Hausse", "decision": "Plus de places", "effet": "places", "places": "15"},
        headers={"HX-Request": "true"},
    )
    assert reponse.status_code == 200
    assert reponse.headers["HX-Retarget"] == "#fiche-action"
    assert "sur 15 places" in reponse.content.decode()


def test_formulaire_ajustement_sans_la_valeur_de_l_effet_ne_change_rien(client, action, referent):
    client.force_login(referent)
    reponse = client.post(
        reverse("partenaires:ajouter_ajustement", args=[action.pk]),
        {"date": "2025-06-01", "objet": "Hausse", "decision": "?", "effet": "places"},
    )
    assert reponse.status_code == 200
    assert "obligatoire pour l&#x27;effet choisi" in reponse.content.decode()
    assert not Ajustement.objects.exists()


def test_requete_forgee_sur_l_action_d_une_autre_thematique_404_sans_ecriture(client, referent):
    autre = ActionFactory(places=10)
    client.force_login(referent)
    donnees = {"date": "2025-06-01", "objet": "X", "decision": "X", "effet": "places", "places": "99"}
    assert client.post(reverse("partenaires:ajouter_ajustement", args=[autre.pk]), donnees).status_code == 404
    resultat = {"periode_debut": "2025-01-01", "periode_fin": "2025-06-30", "participants": "3"}
    assert client.post(reverse("partenaires:saisir_resultat", args=[autre.pk]), resultat).status_code == 404
    autre.refresh_from_db()
    assert autre.places == 10
    assert not Ajustement.objects.exists() and not ResultatAction.objects.exists()


def test_partenaire_ne_peut_pas_enregistrer_d_ajustement(client, action):
    client.force_login(UserFactory(partenaire_user=True, partenaire=action.partenaire))
    reponse = client.post(reverse("partenaires:ajouter_ajustement", args=[action.pk]), {"effet": "aucun"})
    assert reponse.status_code == 404


def _resultat(client, action, **valeurs):
    donnees = {"periode_debut": "2025-01-01", "periode_fin": "2025-06-30", "participants": "8", "heures": "100"}
    donnees.update(valeurs)
    return client.post(reverse("partenaires:saisir_resultat", args=[action.pk]), donnees)


def test_saisie_des_resultats_d_une_periode(client, action, referent):
    client.force_login(referent)
    assert _resultat(client, action, sorties_iae="2").status_code == 302
    resultat = ResultatAction.objects.get()
    assert (resultat.participants, resultat.sorties_iae, resultat.saisi_par) == (8, 2, referent)


@pytest.mark.parametrize(
    ("valeurs", "message"),
    [
        ({"sorties_iae": "5", "sorties_formation": "4"}, "ne peut pas dépasser le nombre de participants"),
        ({"heures": "-3"}, "ne peut pas être négatif"),
        ({"periode_debut": "2024-07-01", "periode_fin": "2024-12-31"}, "comprise dans celle de l&#x27;action"),
        ({"periode_fin": "2024-12-31"}, "doit suivre son début"),
    ],
)
def test_saisie_des_resultats_invalide_refusee_sans_ecriture(client, action, referent, valeurs, message):
    client.force_login(referent)
    reponse = _resultat(client, action, **valeurs)
    assert reponse.status_code == 200
    assert message in reponse.content.decode()
    assert not ResultatAction.objects.exists()


def test_periodes_qui_se_chevauchent_refusees(client, action, referent):
    ResultatActionFactory(action=action, periode_debut=DEBUT, periode_fin=datetime.date(2025, 6, 30))
    client.force_login(referent)
    reponse = _resultat(client, action, periode_debut="2025-03-01", periode_fin="2025-09-30")
    assert "chevauche" in reponse.content.decode()
    assert ResultatAction.objects.count() == 1


def test_correction_garde_la_valeur_precedente_dans_l_historique(client, action, referent):
    client.force_login(referent)
    _resultat(client, action, participants="8")
    resultat = ResultatAction.objects.get()
    reponse = client.post(
        reverse("partenaires:corriger_resultat", args=[action.pk, resultat.pk]),
        {"periode_debut": "2025-01-01", "periode_fin": "2025-06-30", "participants": "11", "heures": "100"},
    )
    assert reponse.status_code == 302
    resultat.refresh_from_db()
    assert resultat.participants == 11
    assert [h.participants for h in resultat.history.order_by("history_date")] == [8, 11]


def test_partenaire_saisit_les_resultats_de_son_action(client, action):
    client.force_login(UserFactory(partenaire_user=True, partenaire=action.partenaire))
    assert _resultat(client, action).status_code == 302
    assert ResultatAction.objects.get().source == "partenaire"


def test_service_resultat_refuse_un_resultat_d_une_autre_action(action, referent):
    autre = ResultatActionFactory()
    with pytest.raises(ValidationError):
        enregistrer_resultat(
            action,
            referent,
            periode_debut=DEBUT,
            periode_fin=datetime.date(2025, 6, 30),
            resultat=autre,
            participants=1,
        )


def test_versement_au_dela_du_montant_conventionne_refuse(action):
    enregistrer_versement(action.financement, nature="avance", date=DEBUT, montant=Decimal("40000"))
    with pytest.raises(ValidationError, match="dépasserait le montant conventionné"):
        enregistrer_versement(action.financement, nature="solde", date=DEBUT, montant=Decimal("10000.01"))
    assert action.financement.versements.count() == 1


def test_formulaire_resultat_htmx_invalide_renvoie_le_formulaire_avec_l_erreur(client, action, referent):
    client.force_login(referent)
    reponse = client.post(
        reverse("partenaires:saisir_resultat", args=[action.pk]),
        {"periode_debut": "2025-01-01", "periode_fin": "2025-06-30", "participants": "1", "sorties_iae": "2"},
        headers={"HX-Request": "true"},
    )
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert contenu.lstrip().startswith('<form id="form-resultat"')
    assert "ne peut pas dépasser le nombre de participants" in contenu
    assert not ResultatAction.objects.exists()


def test_service_ajustement_refuse_a_un_referent_d_une_autre_thematique(action):
    autre_referent = UserFactory(referent_thematique=True, thematiques=[ThematiqueFactory()])
    with pytest.raises(ValidationError):
        _ajuster(action, autre_referent, effet="places", places=14)
    action.refresh_from_db()
    assert action.places == 10
    assert not action.ajustements.exists()


def test_service_ajustement_refuse_au_partenaire_de_l_action(action):
    partenaire = UserFactory(partenaire_user=True, partenaire=action.partenaire)
    with pytest.raises(ValidationError):
        _ajuster(action, partenaire, effet="places", places=14)
    assert not action.ajustements.exists()


def test_service_resultat_refuse_a_qui_ne_suit_pas_l_action(action):
    with pytest.raises(ValidationError):
        enregistrer_resultat(
            action,
            UserFactory(partenaire_user=True),
            periode_debut=DEBUT,
            periode_fin=datetime.date(2025, 6, 30),
            participants=1,
        )
    assert not ResultatAction.objects.exists()
