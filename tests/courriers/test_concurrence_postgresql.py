"""On PostgreSQL, two workers at once: a queued message is sent once, a slot is booked once."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from courriers import agenda, envoi, invitations, statuts
from courriers.models import Consentement, Message, Reservation
from tests.courriers.conftest import UN_MERCREDI
from tests.parcours.factories import ParcoursFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _en_parallele(*fonctions):
    depart = threading.Barrier(len(fonctions))
    resultats, erreurs = [], []

    def lancer(fonction):
        depart.wait()
        try:
            resultats.append(fonction())
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the test
            erreurs.append(exc)
        finally:
            connection.close()

    fils = [threading.Thread(target=lancer, args=(f,)) for f in fonctions]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join(timeout=60)
    return resultats, erreurs


@pytest.mark.usefixtures("referentiel_courriers")
def test_deux_travailleurs_vident_la_file_sans_rien_envoyer_deux_fois(site, agent):
    ids = []
    for i in range(40):
        parcours = ParcoursFactory(mdd=site.mdd, beneficiaire__email=f"p{i}@example.org")
        Consentement.objects.create(beneficiaire=parcours.beneficiaire, email=True)
        ids.append(parcours.pk)
    invitations.inviter(ids, canaux=["email"], par=agent)
    resultats, erreurs = _en_parallele(
        lambda: envoi.traiter_file(maintenant=UN_MERCREDI), lambda: envoi.traiter_file(maintenant=UN_MERCREDI)
    )
    assert erreurs == []
    destinataires = [m.to[0] for m in mail.outbox]
    assert len(destinataires) == len(set(destinataires)) == 40
    assert set(Message.objects.values_list("statut", flat=True)) == {"envoye"}
    assert sum(r.get("envoye", 0) for r in resultats) == 40


def test_deux_reservations_du_dernier_creneau_au_meme_instant_une_seule_gagne(creneau, site):
    premier, second = ParcoursFactory(mdd=site.mdd), ParcoursFactory(mdd=site.mdd)
    resultats, erreurs = _en_parallele(
        lambda: agenda.reserver(creneau.pk, premier), lambda: agenda.reserver(creneau.pk, second)
    )
    assert len(resultats) == 1 and len(erreurs) == 1
    assert isinstance(erreurs[0], ValidationError) and "vient d'être pris" in erreurs[0].messages[0]
    assert Reservation.objects.filter(creneau=creneau).count() == 1


@pytest.mark.usefixtures("referentiel_courriers")
def test_deux_travailleurs_reprennent_les_messages_abandonnes_sans_rien_envoyer_deux_fois(site, agent):
    """Messages a dead worker left en_cours, half already accepted by the provider: two live workers take them
    back at once; each is sent once, the accepted ones never again."""
    ids = []
    for i in range(20):
        parcours = ParcoursFactory(mdd=site.mdd, beneficiaire__email=f"r{i}@example.org")
        Consentement.objects.create(beneficiaire=parcours.beneficiaire, email=True)
        ids.append(parcours.pk)
    invitations.inviter(ids, canaux=["email"], par=agent)
    vieux = timezone.now() - datetime.timedelta(hours=1)
    for rang, message in enumerate(Message.objects.order_by("pk")):
        statuts.appliquer(message, "en_cours", tentatives=1, pris_le=vieux)
        if rang % 2:
            Message.objects.filter(pk=message.pk).update(reference_fournisseur=f"deja-{message.pk}")
    resultats, erreurs = _en_parallele(
        lambda: envoi.traiter_file(maintenant=UN_MERCREDI), lambda: envoi.traiter_file(maintenant=UN_MERCREDI)
    )
    assert erreurs == []
    destinataires = [m.to[0] for m in mail.outbox]
    assert len(destinataires) == len(set(destinataires)) == 10
    assert set(Message.objects.values_list("statut", flat=True)) == {"envoye"}
    assert sum(r.get("repris_envoye", 0) for r in resultats) == 10
    assert sum(r.get("repris_en_attente", 0) for r in resultats) == 10
