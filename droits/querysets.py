"""Who may see which droits et devoirs record. Every view and export starts from these.

Agents of an MDD see the manquements of their MDD's people (through parcours.visible_par). A member of an
équipe pluridisciplinaire from outside the département (France Travail, CAF, an association) sees only the files
of the sessions they sit in, and the EP views show them only what the EP needs (no notes, no freins).
"""

from django.db import models

from pacte.models.utilisateurs import ROLES_MDD, Role


def _actif(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _parcours_visibles(queryset, user, chemin="parcours"):
    """The parcours of the MDD agents' people; nobody else reaches a manquement through a parcours (the chargé
    d'orientation sees parcours waiting for an orientation, not their droits et devoirs)."""
    modele = queryset.model
    for partie in chemin.split("__"):
        modele = modele._meta.get_field(partie).related_model
    if not (_actif(user) and user.role in ROLES_MDD):
        return modele.objects.none()
    return modele.objects.visible_par(user)


class ParParcoursQuerySet(models.QuerySet):
    def visible_par(self, user):
        return self.filter(parcours__in=_parcours_visibles(self, user))


class ManquementQuerySet(ParParcoursQuerySet):
    def en_cours(self):
        return self.exclude(etat__in=["sans_sanction", "reoriente", "remobilise", "perdu", "classe"])


class DecisionQuerySet(models.QuerySet):
    def visible_par(self, user):
        return self.filter(manquement__parcours__in=_parcours_visibles(self, user, "manquement__parcours"))


class SeanceQuerySet(models.QuerySet):
    def visible_par(self, user):
        """The département's agents see the sessions of the territories of their MDD; members see their own."""
        if not _actif(user):
            return self.none()
        if user.role == Role.ADMINISTRATEUR or user.is_superuser:
            return self
        membre = models.Q(membres__utilisateur=user)
        if user.role in (Role.TRAVAILLEUR_SOCIAL, Role.RESPONSABLE_MDD):
            return self.filter(membre | models.Q(territoire__mdds__in=user.mdds.all())).distinct()
        return self.filter(membre).distinct()

    def gerees_par(self, user):
        """Sessions a user may organise: the responsables of an MDD of the territory, the administrators."""
        if not _actif(user):
            return self.none()
        if user.role == Role.ADMINISTRATEUR or user.is_superuser:
            return self
        if user.role == Role.RESPONSABLE_MDD:
            return self.filter(territoire__mdds__in=user.mdds.all()).distinct()
        return self.none()


class DossierQuerySet(models.QuerySet):
    def visible_par(self, user):
        """Files of the sessions the user sits in, plus those of the people the user's MDD follows."""
        if not _actif(user):
            return self.none()
        parcours = _parcours_visibles(self, user, "manquement__parcours")
        return self.filter(
            models.Q(seance__membres__utilisateur=user) | models.Q(manquement__parcours__in=parcours)
        ).distinct()
