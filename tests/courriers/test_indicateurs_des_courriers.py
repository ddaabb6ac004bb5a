"""The counts behind the invitation figures, over a perimeter: by channel, booked, delay, absence of the convened."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from courriers import convocations, indicateurs, invitations, reservations
from courriers.models import Invitation
from parcours.models import Parcours, RendezVous
from tests.courriers.factories import CreneauFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]


def test_invitations_par_canal_part_reservee_et_absence(joignable, site, agent, creneau):
    invitations.inviter([joignable.pk], canaux=["sms", "email", "courrier"], par=agent)
    aujourdhui = timezone.localdate()
    assert indicateurs.invitations_par_canal(aujourdhui, aujourdhui) == {None: {"sms": 1, "email": 1, "courrier": 1}}
    reservations.choisir(Invitation.objects.get(), creneau.pk)
    assert indicateurs.invitations(aujourdhui, aujourdhui) == {None: {"invitations": 1, "personnes": 1, "reservees": 1}}
    delai = indicateurs.delais_invitation_rendez_vous(aujourdhui, aujourdhui)[None]
    assert delai["nombre"] == 1 and delai["total"] > datetime.timedelta(hours=1)

    proche = CreneauFactory(site=site, agent=agent, debut=timezone.now() + datetime.timedelta(minutes=5))
    convocation, _ = convocations.convoquer(joignable, proche.pk, canaux=[], par=agent)
    RendezVous.objects.filter(pk=convocation.rendez_vous_id).update(presence="absent_non_excuse")
    par_mdd = indicateurs.convocations(
        aujourdhui, aujourdhui + datetime.timedelta(days=1), cle=lambda chemin: F(f"{chemin}__mdd_id")
    )
    assert par_mdd == {joignable.mdd_id: {"convocations": 1, "notees": 1, "absents": 1}}
    # Outside the perimeter given: nothing counted.
    ailleurs = Parcours.objects.exclude(pk=joignable.pk)
    assert indicateurs.invitations(aujourdhui, aujourdhui, ailleurs)[None]["invitations"] == 0
