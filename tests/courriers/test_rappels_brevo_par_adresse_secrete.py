"""Brevo's webhooks are not signed: they reach a secret address (RAPPELS_JETON in the path), compared in constant
time. A wrong token answers 404 and writes nothing; the same body played again, or too old by its own timestamp, is
refused."""

import json
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from courriers import envoi, invitations, rappels
from courriers.models import Message, OppositionSms, RappelFournisseur
from tests.courriers.conftest import UN_MERCREDI

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]
JETON = "jeton-des-rappels-de-test-0123456789abcdef"


@pytest.fixture
def envoye(joignable, agent):
    invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    envoi.traiter_file(maintenant=UN_MERCREDI)
    return Message.objects.get()


def _poster(client, donnees, jeton=JETON):
    url = reverse("courriers:rappel_fournisseur_jeton", args=["brevo", jeton])
    return client.post(url, json.dumps(donnees).encode(), content_type="application/json")


def _livre(message, **autres):
    return {"msg_status": "delivered", "tag": f"message-{message.pk}", "ts_event": int(time.time()), **autres}


def test_un_rappel_a_la_bonne_adresse_marque_le_message_distribue(client, envoye):
    reponse = _poster(client, _livre(envoye))
    assert reponse.status_code == 200 and reponse.json() == {"resultat": "distribue"}
    assert Message.objects.get(pk=envoye.pk).statut == "distribue"


@pytest.mark.parametrize("jeton", ["mauvais-jeton", JETON[:-1], JETON + "x", JETON.upper()])
def test_un_mauvais_jeton_repond_404_et_n_ecrit_rien(client, envoye, jeton):
    reponse = _poster(client, _livre(envoye), jeton=jeton)
    assert reponse.status_code == 404
    assert Message.objects.get(pk=envoye.pk).statut == "envoye"
    assert not RappelFournisseur.objects.exists()
    assert not envoye.transitions.filter(statut_apres="distribue").exists()


def test_un_stop_avec_un_mauvais_jeton_n_arrete_pas_les_sms(client, envoye):
    assert _poster(client, {"msg_status": "unsubscribed", "to": "33612345678"}, jeton="x" * 40).status_code == 404
    assert not OppositionSms.objects.exists()


@override_settings(RAPPELS_JETON="")
def test_sans_jeton_configure_l_adresse_n_existe_pas(client, envoye):
    assert _poster(client, _livre(envoye), jeton="quelconque").status_code == 404
    with pytest.raises(rappels.RappelRefuse):
        rappels.verifier_jeton("")
    assert not RappelFournisseur.objects.exists()


def test_le_meme_corps_rejoue_est_refuse(client, envoye):
    donnees = {"msg_status": "hardBounce", "tag": f"message-{envoye.pk}", "ts_event": int(time.time())}
    assert _poster(client, donnees).status_code == 200
    assert _poster(client, donnees).status_code == 409
    assert RappelFournisseur.objects.count() == 1
    assert Message.objects.get(pk=envoye.pk).statut == "rejete"


def test_un_rappel_trop_ancien_par_son_horodatage_est_refuse(client, envoye):
    vieux_en_millisecondes = (int(time.time()) - 3600) * 1000
    reponse = _poster(client, {"event": "delivered", "tag": f"message-{envoye.pk}", "ts_epoch": vieux_en_millisecondes})
    assert reponse.status_code == 403 and "trop ancien" in reponse.json()["erreur"]
    assert Message.objects.get(pk=envoye.pk).statut == "envoye" and not RappelFournisseur.objects.exists()


def test_seul_post_est_permis_et_le_jeton_se_compare_en_temps_constant(client, monkeypatch):
    assert client.get(reverse("courriers:rappel_fournisseur_jeton", args=["brevo", JETON])).status_code == 405
    comparaisons = []
    vraie = rappels.hmac.compare_digest
    monkeypatch.setattr(rappels.hmac, "compare_digest", lambda a, b: comparaisons.append((a, b)) or vraie(a, b))
    with pytest.raises(rappels.RappelRefuse):
        rappels.verifier_jeton("faux")
    assert comparaisons == [(b"faux", JETON.encode())]
