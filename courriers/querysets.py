"""Scoping and reusable filters of the agenda and the messages."""

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from pacte.models import MDD
from parcours.models import Parcours


def _mdds_de(user):
    """Agents: their MDD; the administrator and the orientation officers (who convene people of every MDD): all."""
    if not user.is_authenticated or not user.is_active:
        return MDD.objects.none()
    if user.est_administrateur or user.est_charge_orientation:
        return MDD.objects.all()
    if user.est_agent_mdd:
        return user.mdds.all()
    return MDD.objects.none()


class CreneauQuerySet(models.QuerySet):
    def visible_par(self, user):
        """The créneaux of the sites of the user's MDD (all of them for an administrator)."""
        return self.filter(site__mdd__in=_mdds_de(user))

    def avec_places(self):
        occupees = Count("reservations", filter=Q(reservations__annulee_le__isnull=True))
        return self.annotate(places_prises=occupees)

    def ouverts_pour(self, mdd, jusqu_au, *, apres=None):
        """The future créneaux of an MDD's sites that still have a free place, for the booking page."""
        apres = apres or timezone.now()
        return (
            self.filter(site__mdd=mdd, debut__gt=apres, debut__lte=jusqu_au)
            .avec_places()
            .filter(places_prises__lt=models.F("capacite"))
            .select_related("site__commune")
        )


class InvitationQuerySet(models.QuerySet):
    def visible_par(self, user):
        """With their parcours (parcours.querysets): nobody sees the invitations of a person they cannot see."""
        return self.filter(parcours__in=Parcours.objects.visible_par(user))

    def en_attente(self):
        return self.filter(etat="envoyee")


class MessageQuerySet(models.QuerySet):
    def visible_par(self, user):
        return self.filter(parcours__in=Parcours.objects.visible_par(user))

    def a_envoyer(self, maintenant=None):
        """Queued messages whose time has come (SMS held back for the night or a Sunday wait in the queue)."""
        maintenant = maintenant or timezone.now()
        return self.filter(statut="en_attente").filter(
            Q(prochain_essai__isnull=True) | Q(prochain_essai__lte=maintenant)
        )
