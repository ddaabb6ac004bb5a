"""The providers' status callbacks: HMAC-signed, checked, refused when replayed or too old; STOP stops the SMS."""

import json
import time

import pytest
from django.urls import reverse

from courriers import envoi, invitations, rappels
from courriers.models import Message, OppositionSms
from tests.courriers.conftest import UN_MERCREDI

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]
URL = reverse("courriers:rappel_fournisseur", args=["brevo"])


@pytest.fixture
def envoye(joignable, agent):
    invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    envoi.traiter_file(maintenant=UN_MERCREDI)
    return Message.objects.get()


def _poster(client, donnees, *, horodatage=None, signature=None):
    corps = json.dumps(donnees).encode()
    horodatage = str(int(time.time())) if horodatage is None else horodatage
    signature = rappels.signer(corps, horodatage) if signature is None else signature
    return client.post(
        URL,
        corps,
        content_type="application/json",
        headers={"X-Pacte-Horodatage": horodatage, "X-Pacte-Signature": signature},
    )


def test_un_rappel_signe_marque_le_message_distribue(client, envoye):
    reponse = _poster(client, {"msg_status": "delivered", "tag": f"message-{envoye.pk}", "to": "33612345678"})
    assert reponse.status_code == 200 and reponse.json() == {"resultat": "distribue"}
    envoye.refresh_from_db()
    assert envoye.statut == "distribue"


def test_une_signature_fausse_est_refusee_et_rien_ne_change(client, envoye):
    reponse = _poster(client, {"msg_status": "delivered", "tag": f"message-{envoye.pk}"}, signature="0" * 64)
    assert reponse.status_code == 403 and "Signature" in reponse.json()["erreur"]
    envoye.refresh_from_db()
    assert envoye.statut == "envoye"


def test_le_meme_rappel_rejoue_est_refuse(client, envoye):
    donnees = {"msg_status": "hardBounce", "tag": f"message-{envoye.pk}"}
    horodatage = str(int(time.time()))
    assert _poster(client, donnees, horodatage=horodatage).status_code == 200
    assert _poster(client, donnees, horodatage=horodatage).status_code == 409
    envoye.refresh_from_db()
    assert envoye.statut == "rejete"


def test_un_rappel_trop_ancien_est_refuse_comme_un_rejeu(client, envoye):
    vieux = str(int(time.time()) - 3600)
    reponse = _poster(client, {"msg_status": "delivered", "tag": f"message-{envoye.pk}"}, horodatage=vieux)
    assert reponse.status_code == 403 and "trop ancien" in reponse.json()["erreur"]


def test_un_statut_en_retard_ne_fait_pas_reculer_le_message(client, envoye):
    _poster(client, {"msg_status": "delivered", "tag": f"message-{envoye.pk}"})
    reponse = _poster(client, {"msg_status": "softBounce", "tag": f"message-{envoye.pk}"})
    assert reponse.json() == {"resultat": "ignore"}
    assert Message.objects.get(pk=envoye.pk).statut == "distribue"


def test_stop_sms_arrete_les_sms_suivants(client, envoye, joignable, agent):
    _poster(client, {"msg_status": "unsubscribed", "to": "33612345678"})
    assert OppositionSms.objects.filter(telephone="+33612345678").exists()
    bilan = invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    assert bilan.invitees == 0 and "STOP" in bilan.motifs[0]


def test_la_signature_depend_de_l_horodatage_et_seul_post_est_permis(client):
    assert rappels.signer(b"x", "1", "secret") != rappels.signer(b"x", "2", "secret")
    assert client.get(URL).status_code == 405
