"""Sending: SMS through a local server speaking Brevo's API, e-mail through a real SMTP server on 127.0.0.1;
errors leave the message queued and retried, never lost nor sent twice; never an SMS at night or on a Sunday."""

import datetime
import email
import email.policy

import pytest
from django.utils import timezone

from courriers import envoi, invitations, statuts
from courriers.models import Consentement, Message, ParametresCourriers, TransitionMessage
from tests.courriers.conftest import UN_MERCREDI
from tests.courriers.serveurs_locaux import ServeurSmtp
from tests.parcours.factories import ParcoursFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]


@pytest.fixture
def smtp(settings):
    serveur = ServeurSmtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", serveur.port, False
    settings.DEFAULT_FROM_EMAIL = "Insertion <insertion@departement.invalid>"
    yield serveur
    serveur.shutdown()
    serveur.server_close()


def _inviter(parcours, agent, canaux):
    invitations.inviter([parcours.pk], canaux=canaux, par=agent)
    return Message.objects.get(canal=canaux[0])


def test_le_sms_part_par_l_api_du_fournisseur(brevo, joignable, agent):
    message = _inviter(joignable, agent, ["sms"])
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"envoye": 1}
    (requete,) = brevo.requetes
    assert requete["chemin"] == "/v3/transactionalSMS/sms" and requete["cle"] == "cle-de-test"
    assert requete["json"]["recipient"] == "33612345678" and requete["json"]["sender"] == "HauteVienne"
    assert requete["json"]["tag"] == f"message-{message.pk}" and "/rdv/" in requete["json"]["content"]
    message.refresh_from_db()
    assert message.statut == "envoye" and message.reference_fournisseur == "1001"


def test_un_fournisseur_en_panne_laisse_le_message_en_file_et_il_repart_plus_tard(brevo, joignable, agent):
    message = _inviter(joignable, agent, ["sms"])
    brevo.reponses = [503]
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"en_attente": 1}
    message.refresh_from_db()
    assert message.statut == "en_attente" and message.tentatives == 1 and message.prochain_essai > timezone.now()
    assert "indisponible" in message.derniere_erreur
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {}  # not before its time
    Message.objects.filter(pk=message.pk).update(prochain_essai=timezone.now())
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"envoye": 1}
    assert len(brevo.requetes) == 2 and Message.objects.get(pk=message.pk).statut == "envoye"


def test_un_fournisseur_injoignable_ne_perd_pas_le_message(settings, joignable, agent):
    settings.SMS_FOURNISSEUR, settings.SMS_URL = "brevo", "http://127.0.0.1:9"  # nothing listens on port 9
    message = _inviter(joignable, agent, ["sms"])
    envoi.traiter_file(maintenant=UN_MERCREDI)
    message.refresh_from_db()
    assert message.statut == "en_attente" and "ne répond pas" in message.derniere_erreur


def test_apres_la_derniere_tentative_le_message_est_en_echec(brevo, joignable, agent):
    message = _inviter(joignable, agent, ["sms"])
    brevo.reponses = [500] * 5
    for _ in range(5):
        Message.objects.filter(pk=message.pk).update(prochain_essai=None)
        envoi.traiter_file(maintenant=UN_MERCREDI)
    message.refresh_from_db()
    assert message.statut == "echoue" and message.tentatives == 5


def test_un_numero_refuse_par_le_fournisseur_est_rejete_sans_nouvel_essai(brevo, joignable, agent):
    message = _inviter(joignable, agent, ["sms"])
    brevo.reponses = [400]
    envoi.traiter_file(maintenant=UN_MERCREDI)
    message.refresh_from_db()
    assert message.statut == "rejete" and "refuse" in message.derniere_erreur


def test_deux_travailleurs_n_envoient_jamais_deux_fois(brevo, joignable, agent):
    """The second worker read the message queued too; its claim finds the status changed and sends nothing."""
    message = _inviter(joignable, agent, ["sms"])
    copie = Message.objects.get(pk=message.pk)
    assert envoi.envoyer(message, maintenant=UN_MERCREDI) == "envoye"
    assert envoi.envoyer(copie, maintenant=UN_MERCREDI) == "pris"
    assert len(brevo.requetes) == 1
    assert list(TransitionMessage.objects.values_list("statut_apres", flat=True)) == ["en_cours", "envoye"]


@pytest.mark.parametrize(
    ("moment", "attendu"),
    [
        (datetime.datetime(2026, 12, 2, 10, 0), None),  # a Wednesday morning
        (datetime.datetime(2026, 12, 2, 21, 30), datetime.datetime(2026, 12, 3, 9, 0)),  # at night
        (datetime.datetime(2026, 12, 3, 7, 0), datetime.datetime(2026, 12, 3, 9, 0)),  # too early
        (datetime.datetime(2026, 12, 5, 20, 0), datetime.datetime(2026, 12, 7, 9, 0)),  # Saturday night
        (datetime.datetime(2026, 12, 6, 11, 0), datetime.datetime(2026, 12, 7, 9, 0)),  # a Sunday
    ],
)
def test_jamais_de_sms_la_nuit_ni_le_dimanche(moment, attendu):
    tz = timezone.get_current_timezone()
    p = ParametresCourriers(sms_heure_debut=9, sms_heure_fin=19)
    prochain = envoi.prochaine_heure_sms(moment.replace(tzinfo=tz), p)
    assert prochain == (attendu.replace(tzinfo=tz) if attendu else None)


def test_un_sms_de_la_nuit_attend_le_matin_dans_la_file(brevo, joignable, agent):
    ParametresCourriers.objects.filter(departement_code="87").update(sms_heure_debut=9, sms_heure_fin=19)
    message = _inviter(joignable, agent, ["sms"])
    nuit = UN_MERCREDI.replace(hour=22)
    assert envoi.traiter_file(maintenant=nuit) == {"reporte": 1}
    message.refresh_from_db()
    assert message.statut == "en_attente" and timezone.localtime(message.prochain_essai).hour == 9
    assert brevo.requetes == []


def test_le_debit_par_minute_du_referentiel_borne_chaque_passage(site, agent):
    ParametresCourriers.objects.filter(departement_code="87").update(envoi_par_minute=2)
    for i in range(5):
        parcours = ParcoursFactory(mdd=site.mdd, beneficiaire__email=f"x{i}@example.org")
        Consentement.objects.create(beneficiaire=parcours.beneficiaire, email=True)
        invitations.inviter([parcours.pk], canaux=["email"], par=agent)
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"envoye": 2}
    assert Message.objects.filter(statut="en_attente").count() == 3
    assert envoi.reste_a_envoyer()


def test_le_courriel_arrive_au_serveur_smtp_en_francais_avec_le_lien(smtp, joignable, agent):
    message = _inviter(joignable, agent, ["email"])
    assert envoi.traiter_file(maintenant=UN_MERCREDI) == {"envoye": 1}
    ((destinataires, brut),) = smtp.recus
    assert destinataires == ["claire.martin@example.org"]
    recu = email.message_from_bytes(brut, policy=email.policy.default)
    assert recu["Subject"] == "Votre rendez-vous pour l'accompagnement du RSA"
    assert recu["From"] == "Insertion <insertion@departement.invalid>"
    assert recu["X-Pacte-Message"] == str(message.pk)
    texte = recu.get_body(preferencelist=("plain",)).get_content()
    assert "Vous êtes bénéficiaire du revenu de solidarité active" in texte
    assert f"/rdv/{invitations.jeton(message.invitation_id)}/" in texte
    assert "<p>" in recu.get_body(preferencelist=("html",)).get_content()
    message.refresh_from_db()
    assert message.statut == "envoye" and message.reference_fournisseur.startswith("<")


def test_une_adresse_refusee_par_le_serveur_est_rejetee(smtp, joignable, agent):
    joignable.beneficiaire.email = "rebond@example.org"
    joignable.beneficiaire.save()
    message = _inviter(joignable, agent, ["email"])
    envoi.traiter_file(maintenant=UN_MERCREDI)
    message.refresh_from_db()
    assert message.statut == "rejete" and "refusée" in message.derniere_erreur
    assert smtp.recus == []


def test_un_statut_final_ne_recule_pas():
    message = Message(statut="distribue")
    with pytest.raises(statuts.TransitionRefusee):
        statuts.appliquer(message, "envoye")
