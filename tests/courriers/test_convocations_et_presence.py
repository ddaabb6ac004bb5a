"""Convocations: a fixed slot, always by letter with the legal mentions, SMS and e-mail when possible; the
reminder the day before; the attendance noted on the same rendez-vous. The contract and the notification of
orientation printed from their templates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courriers import convocations, invitations
from courriers.models import Convocation, Invitation, Message
from parcours.choices import Presence
from parcours.models import RendezVous
from parcours.suivi import noter_presence
from tests.courriers.factories import CreneauFactory, demain_a
from tests.parcours.factories import ContratEngagementFactory, OrientationFactory, ParcoursFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]


def test_la_convocation_part_par_courrier_et_sms_avec_les_mentions_legales(joignable, creneau, agent):
    convocation, motifs = convocations.convoquer(joignable, creneau.pk, canaux=["sms"], par=agent)
    assert motifs == []
    assert set(Message.objects.filter(convocation=convocation).values_list("canal", flat=True)) == {"courrier", "sms"}
    lettre = Message.objects.get(canal="courrier")
    assert "L. 262-37" in lettre.contenu and "sans motif légitime" in lettre.contenu
    assert convocation.rendez_vous.date == creneau.debut and convocation.rendez_vous.presence == "prevu"


def test_sans_adresse_postale_pas_de_convocation_et_rien_d_ecrit(joignable, creneau, agent):
    joignable.beneficiaire.adresse = ""
    joignable.beneficiaire.save()
    with pytest.raises(ValidationError, match="adresse postale"):
        convocations.convoquer(joignable, creneau.pk, canaux=["sms"], par=agent)
    assert not Convocation.objects.exists() and not RendezVous.objects.exists() and not Message.objects.exists()


def test_convoquer_apres_une_invitation_expiree_la_clot(joignable, creneau, agent):
    invitations.inviter([joignable.pk], canaux=["sms"], par=agent)
    invitation = Invitation.objects.get()
    convocations.convoquer(joignable, creneau.pk, canaux=[], par=agent, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.etat == "close" and invitation.convocations.count() == 1


def test_le_rappel_part_la_veille_une_seule_fois(joignable, site, agent):
    loin = CreneauFactory(site=site, agent=agent, debut=demain_a(10, jours=5))
    proche = CreneauFactory(site=site, agent=agent, debut=timezone.now() + datetime.timedelta(hours=20))
    convocations.convoquer(joignable, loin.pk, canaux=["sms"], par=agent)
    assert convocations.rappeler() == 0
    convocations.convoquer(joignable, proche.pk, canaux=["sms", "email"], par=agent)
    assert convocations.rappeler() == 2
    assert convocations.rappeler() == 0
    assert set(Message.objects.filter(nature="rappel_convocation").values_list("canal", flat=True)) == {"sms", "email"}


def test_la_presence_se_note_sur_le_rendez_vous_de_la_convocation(joignable, site, agent):
    creneau = CreneauFactory(site=site, agent=agent, debut=timezone.now() + datetime.timedelta(minutes=5))
    convocation, _ = convocations.convoquer(joignable, creneau.pk, canaux=[], par=agent)
    RendezVous.objects.filter(pk=convocation.rendez_vous_id).update(date=timezone.now() - datetime.timedelta(hours=1))
    rdv = RendezVous.objects.get(pk=convocation.rendez_vous_id)
    noter_presence(rdv, presence=Presence.ABSENT_NON_EXCUSE, par=agent)
    convocation.refresh_from_db()
    assert convocation.rendez_vous.presence == "absent_non_excuse"


def test_la_page_convoquer_propose_les_creneaux_de_la_mdd(client, joignable, creneau, agent):
    client.force_login(agent)
    page = client.get(reverse("courriers:convoquer", args=[joignable.pk]))
    assert page.status_code == 200 and f'value="{creneau.pk}"' in page.content.decode()
    reponse = client.post(
        reverse("courriers:convoquer", args=[joignable.pk]), {"creneau": creneau.pk, "canaux": ["courrier"]}
    )
    assert reponse.status_code == 302
    lettre = Message.objects.get(canal="courrier")
    pdf = client.get(reverse("courriers:lettre_message", args=[lettre.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_un_creneau_pris_refuse_la_convocation_en_francais(client, joignable, creneau, agent):
    convocations.convoquer(
        ParcoursFactory(mdd=joignable.mdd, beneficiaire__adresse="2 rue", beneficiaire__commune=creneau.site.commune),
        creneau.pk,
        canaux=[],
        par=agent,
    )
    client.force_login(agent)
    reponse = client.post(
        reverse("courriers:convoquer", args=[joignable.pk]), {"creneau": creneau.pk, "canaux": ["courrier"]}
    )
    assert reponse.status_code == 400
    assert Convocation.objects.count() == 1


def test_le_contrat_a_signer_et_la_notification_sortent_de_leurs_modeles(client, joignable, agent):
    OrientationFactory(parcours=joignable)
    contrat = ContratEngagementFactory(parcours=joignable, etat="brouillon", date_signature=None)
    joignable.contrat_courant = contrat
    joignable.save(update_fields=["contrat_courant"])
    client.force_login(agent)
    for nature in ("contrat_engagement", "notification_orientation"):
        reponse = client.post(reverse("courriers:lettre_parcours", args=[joignable.pk, nature]))
        assert reponse.status_code == 302
    contrat_lettre = Message.objects.get(nature="contrat_engagement")
    assert "Retrouver un emploi dans la restauration" in contrat_lettre.contenu
    assert "Signature de la personne" in contrat_lettre.contenu
    notification = Message.objects.get(nature="notification_orientation")
    assert "sociale" in notification.contenu and "deux mois" in notification.contenu
    assert client.get(reverse("courriers:lettre_message", args=[notification.pk])).content.startswith(b"%PDF")
