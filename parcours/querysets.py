"""Who may see which named record. Every view, export and API endpoint starts from these."""

from django.db import models

from pacte.models.utilisateurs import ROLES_MDD, Role
from parcours.choices import EtatDroit


class ParcoursQuerySet(models.QuerySet):
    def ouverts(self):
        return self.filter(date_sortie__isnull=True)

    def a_orienter(self):
        return self.ouverts().filter(orientation_courante__isnull=True)

    def droits_devenus(self, etats, debut, fin):
        """Parcours whose right became one of `etats` (EtatDroit) between two dates, both included, as the
        CAF/MSA flow told it: the flows of suspended and closed rights the indicators count."""
        return self.filter(etat_droit__in=etats, date_etat_droit__range=(debut, fin))

    def droit_interrompu(self):
        """Parcours whose right is suspended or closed today, as the last flow told it."""
        return self.filter(etat_droit__in=(EtatDroit.SUSPENDU, EtatDroit.RADIE))

    def visible_par(self, user):
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.role in ROLES_MDD:
            return self.filter(mdd__in=user.mdds.all())
        if user.role == Role.CHARGE_ORIENTATION:
            return self.a_orienter()
        return self.none()


def _parcours(queryset):
    """The Parcours model, reached through the queryset's own relation: the models module imports this one."""
    return queryset.model._meta.get_field("parcours").related_model


class BeneficiaireQuerySet(models.QuerySet):
    def visible_par(self, user):
        visibles = _parcours(self).objects.visible_par(user)
        return self.filter(models.Exists(visibles.filter(beneficiaire=models.OuterRef("pk"))))


class EvenementQuerySet(models.QuerySet):
    """Events of a parcours (orientation, contract, frein…) are visible with their parcours."""

    def visible_par(self, user):
        return self.filter(parcours__in=_parcours(self).objects.visible_par(user))


class PrescriptionQuerySet(EvenementQuerySet):
    def visible_par(self, user):
        """Prescribers see their MDD's; a partner sees those addressed to its actions."""
        if user.is_authenticated and user.is_active and user.role == Role.PARTENAIRE:
            return self.filter(action__partenaire_id=user.partenaire_id)
        return super().visible_par(user)
