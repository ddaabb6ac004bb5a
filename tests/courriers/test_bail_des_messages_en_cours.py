"""A worker that dies while sending leaves its message en_cours: once its lease is over the next run takes it back,
queued again and sent once, or marked sent without a second send when the provider had already accepted it."""

import datetime

import pytest
from django.utils import timezone

from courriers import envoi, invitations, statuts
from courriers.choices import StatutMessage as S
from courriers.models import Message, ParametresCourriers
from tests.courriers.conftest import UN_MERCREDI

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]
IL_Y_A_UNE_HEURE = datetime.timedelta(hours=1)


def abandonne(message, *, depuis=IL_Y_A_UNE_HEURE, reference=""):
    """The message as a worker leaves it when it dies after the claim (and, with `reference`, after the provider's
    answer)."""
    statuts.appliquer(message, S.EN_COURS, tentatives=1, pris_le=timezone.now() - depuis)
    if reference:
        Message.objects.filter(pk=message.pk).update(reference_fournisseur=reference)
    return message


@pytest.fixture
def sms(joignable, agent):
    invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    return Message.objects.get(canal="sms")


def test_un_message_abandonne_en_cours_est_repris_et_envoye_une_fois(brevo, sms):
    abandonne(sms)
    bilan = envoi.traiter_file(maintenant=UN_MERCREDI)
    assert bilan == {"repris_en_attente": 1, "envoye": 1}
    assert len(brevo.requetes) == 1
    sms.refresh_from_db()
    assert (sms.statut, sms.tentatives, sms.reference_fournisseur) == ("envoye", 2, "1001")
    assert sms.transitions.filter(statut_avant="en_cours", statut_apres="en_attente").exists()
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {} and len(brevo.requetes) == 1


def test_un_message_deja_accepte_par_le_fournisseur_n_est_pas_renvoye(brevo, sms):
    abandonne(sms, reference="4242")
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"repris_envoye": 1}
    assert brevo.requetes == []
    sms.refresh_from_db()
    assert (sms.statut, sms.reference_fournisseur) == ("envoye", "4242") and sms.envoye_le is not None


def test_un_message_en_cours_dans_son_bail_n_est_pas_touche(brevo, sms):
    abandonne(sms, depuis=datetime.timedelta(minutes=envoi.BAIL_MINUTES - 1))
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {}
    assert brevo.requetes == [] and Message.objects.get(pk=sms.pk).statut == "en_cours"
    assert envoi.reste_a_envoyer()


def test_a_la_derniere_tentative_le_message_abandonne_echoue_avec_un_motif_en_francais(brevo, sms):
    ParametresCourriers.objects.update(envoi_tentatives_max=1)
    abandonne(sms)
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"repris_echoue": 1}
    sms.refresh_from_db()
    assert sms.statut == "echoue" and "travailleur arrêté" in sms.derniere_erreur and brevo.requetes == []


def test_l_identifiant_du_fournisseur_est_garde_avant_le_passage_a_envoye(brevo, sms, monkeypatch):
    """A worker that dies right after the provider's answer has already written its id."""

    def meurt(*args, **kwargs):
        raise SystemExit("travailleur tué")

    vrai = statuts.appliquer
    monkeypatch.setattr(
        statuts, "appliquer", lambda m, apres, **k: meurt() if apres == S.ENVOYE else vrai(m, apres, **k)
    )
    with pytest.raises(SystemExit):
        envoi.traiter_file(maintenant=UN_MERCREDI)
    monkeypatch.setattr(statuts, "appliquer", vrai)
    sms.refresh_from_db()
    assert (sms.statut, sms.reference_fournisseur) == ("en_cours", "1001")
    Message.objects.filter(pk=sms.pk).update(pris_le=timezone.now() - IL_Y_A_UNE_HEURE)
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"repris_envoye": 1}
    assert len(brevo.requetes) == 1
