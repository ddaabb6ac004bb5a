"""Access rules of the partner side: actions by thematic for referents, by structure for partners."""

from django.db import models

from pacte.models.utilisateurs import Role
from partenaires.permissions import lit_le_catalogue


class ActionQuerySet(models.QuerySet):
    def ouvertes_le(self, date):
        return self.filter(statut="ouverte", date_debut__lte=date, date_fin__gte=date)

    def gerees_par(self, user):
        """Actions a user follows and edits: referents by thematic, partners their own, admins all."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.est_administrateur:
            return self.all()
        if user.role == Role.REFERENT_THEMATIQUE:
            return self.filter(thematique__in=user.thematiques.all())
        if user.role == Role.PARTENAIRE:
            return self.filter(partenaire_id=user.partenaire_id)
        return self.none()

    def catalogue_pour(self, user):
        """Prescribers read the whole catalogue: an action is open to people of every MDD, wherever they live."""
        return self.all() if lit_le_catalogue(user) else self.none()
