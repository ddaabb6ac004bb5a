"""Équipes pluridisciplinaires: agenda by territory, attendance, quorum, opinions with their votes, minutes."""

import pytest
from django.core.exceptions import ValidationError

from droits.ep import enregistrer_presences, inscrire_dossier, rendre_avis, retirer_dossier, tenir_seance
from droits.models import DossierEP, SeanceEP
from droits.pdf import proces_verbal
from tests.droits.factories import SeanceEPFactory, manquement_informe, seance_avec_quorum
from tests.pacte.factories import TerritoireFactory, UserFactory


def _avis(dossier, **kwargs):
    valeurs = {
        "avis": "suspension",
        "votes_pour": 2,
        "votes_contre": 1,
        "abstentions": 0,
        "motivation": "Absences répétées sans motif.",
        "taux": 50,
        "duree": 1,
    }
    return rendre_avis(dossier, **{**valeurs, **kwargs})


@pytest.mark.django_db
def test_un_dossier_inscrit_recoit_un_avis_vote_et_la_seance_est_tenue(parcours, agent):
    manquement = manquement_informe(parcours, agent)
    seance = seance_avec_quorum(parcours.mdd.territoire)
    dossier = inscrire_dossier(seance, manquement, par=agent)
    manquement.refresh_from_db()
    assert manquement.etat == "en_ep"
    _avis(dossier, personne_entendue=True)
    tenir_seance(seance)
    assert SeanceEP.objects.get().etat == "tenue"
    assert (dossier.taux_propose, dossier.duree_proposee_mois, dossier.votes_pour) == (50, 1, 2)
    assert proces_verbal(seance).startswith(b"%PDF")


@pytest.mark.django_db
def test_sans_quorum_aucun_avis_n_est_rendu_et_rien_n_est_ecrit(parcours, agent):
    manquement = manquement_informe(parcours, agent)
    seance = seance_avec_quorum(parcours.mdd.territoire, presents=2)
    dossier = inscrire_dossier(seance, manquement, par=agent)
    with pytest.raises(ValidationError, match="quorum n'est pas atteint : 2 membre"):
        _avis(dossier)
    dossier.refresh_from_db()
    assert dossier.avis == "" and dossier.votes_pour == 0
    with pytest.raises(ValidationError, match="pas encore d'avis"):
        tenir_seance(seance)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"taux": 20}, "de 30 à 100 %"),
        ({"duree": 3}, "de 1 à 2 mois"),
        ({"votes_pour": 4}, "ne dépassent pas les membres présents"),
        ({"motivation": " "}, "Motivez"),
        ({"avis": "blame"}, "Choisissez l'avis"),
    ],
)
def test_un_avis_hors_bareme_ou_incoherent_est_refuse(parcours, agent, kwargs, message):
    dossier = inscrire_dossier(
        seance_avec_quorum(parcours.mdd.territoire), manquement_informe(parcours, agent), par=agent
    )
    with pytest.raises(ValidationError, match=message):
        _avis(dossier, **kwargs)
    assert DossierEP.objects.get().avis == ""


@pytest.mark.django_db
def test_l_ordre_du_jour_ne_prend_que_les_manquements_informes_du_territoire(parcours, agent):
    manquement = manquement_informe(parcours, agent)
    with pytest.raises(ValidationError, match="autre territoire"):
        inscrire_dossier(SeanceEPFactory(territoire=TerritoireFactory()), manquement, par=agent)
    seance = SeanceEPFactory(territoire=parcours.mdd.territoire)
    dossier = inscrire_dossier(seance, manquement, par=agent)
    with pytest.raises(ValidationError, match="informée"):
        inscrire_dossier(SeanceEPFactory(territoire=parcours.mdd.territoire), manquement, par=agent)
    retirer_dossier(dossier, par=agent)
    manquement.refresh_from_db()
    assert manquement.etat == "informe" and not DossierEP.objects.exists()


@pytest.mark.django_db
def test_un_ajournement_rend_le_dossier_a_nouveau_inscriptible(parcours, agent):
    manquement = manquement_informe(parcours, agent)
    dossier = inscrire_dossier(seance_avec_quorum(parcours.mdd.territoire), manquement, par=agent)
    _avis(dossier, avis="ajournement")
    manquement.refresh_from_db()
    assert manquement.etat == "informe"


@pytest.mark.django_db
def test_un_membre_exterieur_ne_voit_que_les_seances_et_dossiers_ou_il_siege(parcours, agent):
    caf = UserFactory(partenaire_user=True)
    seance = seance_avec_quorum(parcours.mdd.territoire, exterieur=caf)
    autre = seance_avec_quorum(parcours.mdd.territoire)
    inscrire_dossier(seance, manquement_informe(parcours, agent), par=agent)
    assert list(SeanceEP.objects.visible_par(caf)) == [seance]
    assert DossierEP.objects.visible_par(caf).count() == 1
    assert set(SeanceEP.objects.visible_par(agent)) == {seance, autre}
    with pytest.raises(ValidationError, match="pas membre"):
        enregistrer_presences(seance, [autre.membres.first().pk])
