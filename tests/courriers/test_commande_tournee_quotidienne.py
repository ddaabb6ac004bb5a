import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from courriers import invitations
from courriers.models import Invitation, Message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("referentiel_courriers")]


def test_la_tournee_relance_expire_et_vide_la_file(joignable, agent, capsys):
    invitations.inviter([joignable.pk], canaux=["email"], par=agent)
    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(days=4))
    call_command("courriers_tournee")
    sortie = capsys.readouterr().out
    assert "Relances d'invitation : 1" in sortie and "Invitations expirées : 0" in sortie
    assert Message.objects.filter(nature="relance").exists()
    assert not Message.objects.filter(statut="en_attente").exists()  # e-mail leaves on any day
