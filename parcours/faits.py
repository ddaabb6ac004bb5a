"""Derived facts on the parcours: the dates of its first orientation and of its first signed contract, and the
person's name as the file active sorts it.

The indicator engine counts oriented people and measures delays on 200,000 parcours; reading two
indexed columns is much cheaper than a MIN over the events grouped by parcours. These columns are
written only here: on every save and delete of an orientation or a contract (signals, so that
queryset deletes and the admin are covered too), and in one UPDATE after a bulk load.

The name (nom_tri) is copied from the person on every save of the person, and by the code that writes people
or parcours in bulk (import, demo data, anonymisation): the file active of an MDD of 6,500 open parcours sorted
by name read every person of the MDD through the join (12 ms on PostgreSQL for each page); with the copy it
reads one index of the parcours.
"""

from django.db.models import Min, OuterRef, QuerySet, Subquery
from django.db.models.signals import post_delete, post_save

from parcours.choices import EtatContrat
from parcours.models import Beneficiaire, ContratEngagement, Orientation, Parcours


def _premiere(queryset, champ):
    return Subquery(
        queryset.filter(parcours=OuterRef("pk")).order_by().values("parcours").annotate(d=Min(champ)).values("d")
    )


def recalculer_premieres_dates(parcours: QuerySet | None = None) -> int:
    """Recompute the facts of these parcours (all of them by default) in one UPDATE."""
    parcours = Parcours.objects.all() if parcours is None else parcours
    return parcours.update(
        date_premiere_orientation=_premiere(Orientation.objects.all(), "date_decision"),
        # A brouillon carrying a signature date is not signed (evaluation's fiche «delai_contrat_*»).
        date_premier_contrat=_premiere(ContratEngagement.objects.exclude(etat=EtatContrat.BROUILLON), "date_signature"),
    )


def _apres_evenement(sender, instance, **kwargs):
    recalculer_premieres_dates(Parcours.objects.filter(pk=instance.parcours_id))
    # The caller often holds the parcours: keep its copy true for the rest of the request.
    parcours = instance._state.fields_cache.get("parcours")
    if parcours is not None:
        faits = Parcours.objects.filter(pk=parcours.pk).values("date_premiere_orientation", "date_premier_contrat")
        for champ, valeur in (faits.first() or {}).items():
            setattr(parcours, champ, valeur)


def recopier_noms(parcours: QuerySet | None = None) -> int:
    """Copy the person's name onto these parcours (all of them by default) in one UPDATE."""
    parcours = Parcours.objects.all() if parcours is None else parcours
    nom = Beneficiaire.objects.filter(pk=OuterRef("beneficiaire_id")).values("nom_recherche")[:1]
    return parcours.update(nom_tri=Subquery(nom))


def _apres_beneficiaire(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not {"nom", "prenom"} & set(update_fields):
        return  # contact details only: the name did not change
    Parcours.objects.filter(beneficiaire_id=instance.pk).exclude(nom_tri=instance.nom_recherche).update(
        nom_tri=instance.nom_recherche
    )


def brancher():
    post_save.connect(_apres_beneficiaire, sender=Beneficiaire, dispatch_uid="faits_Beneficiaire_save")
    for modele in (Orientation, ContratEngagement):
        post_save.connect(_apres_evenement, sender=modele, dispatch_uid=f"faits_{modele.__name__}_save")
        post_delete.connect(_apres_evenement, sender=modele, dispatch_uid=f"faits_{modele.__name__}_delete")
