"""The querysets the indicator engine reads: invitations by channel, share booked, delay, absence of the convened."""

import datetime

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from courriers import convocations, indicateurs, invitations, reservations
from courriers.models import Invitation
from parcours.models import RendezVous
from tests.courriers.factories import CreneauFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]


def test_invitations_par_canal_part_reservee_et_absence(joignable, site, agent, creneau):
    invitations.inviter([joignable.pk], canaux=["sms", "email", "courrier"], par=agent)
    aujourdhui = timezone.localdate()
    par_canal = dict(
        indicateurs.messages_d_invitation(aujourdhui, aujourdhui).values_list("canal").annotate(n=Count("pk"))
    )
    assert par_canal == {"sms": 1, "email": 1, "courrier": 1}
    reservations.choisir(Invitation.objects.get(), creneau.pk)
    chiffres = indicateurs.invitations(aujourdhui, aujourdhui).aggregate(
        total=Count("pk"), reservees=Count("pk", filter=Q(a_reserve=True))
    )
    assert chiffres == {"total": 1, "reservees": 1}
    (delai,) = indicateurs.delais_invitation_rendez_vous(aujourdhui, aujourdhui)
    assert datetime.timedelta(0) <= delai.delai_reservation < datetime.timedelta(minutes=1)
    assert delai.delai_rendez_vous > datetime.timedelta(hours=1)

    proche = CreneauFactory(site=site, agent=agent, debut=timezone.now() + datetime.timedelta(minutes=5))
    convocation, _ = convocations.convoquer(joignable, proche.pk, canaux=[], par=agent)
    RendezVous.objects.filter(pk=convocation.rendez_vous_id).update(presence="absent_non_excuse")
    absences = indicateurs.convocations_avec_presence(aujourdhui, aujourdhui + datetime.timedelta(days=1))
    assert absences.aggregate(n=Count("pk"), absents=Count("pk", filter=Q(absent=True))) == {"n": 1, "absents": 1}
