"""The change history of one parcours (django-simple-history rows of its records), read on demand."""

import datetime
import functools
from dataclasses import dataclass

from pacte.models import MDD, Commune, User
from parcours.models import (
    Beneficiaire,
    ContratEngagement,
    Frein,
    Orientation,
    Parcours,
    RendezVous,
)
from parcours.timeline import noms_utilisateurs


@dataclass
class Modification:
    date: datetime.datetime
    auteur: str
    objet: str
    action: str
    changements: list[str]


ACTIONS = {"+": "création", "~": "modification", "-": "suppression"}
CHAMPS_MASQUES = {"id", "parcours", "created_at", "created_by", "updated_at"}


def _lisible(champ, valeur, noms):
    if valeur in (None, ""):
        return "—"
    if champ.is_relation:
        return noms.get((champ.related_model._meta.label_lower, valeur), f"n° {valeur}")
    if champ.choices:
        return str(dict(champ.flatchoices).get(valeur, valeur))
    if isinstance(valeur, datetime.date):
        return f"{valeur:%d/%m/%Y}"
    return str(valeur)


def _noms_des_references(references, utilisateurs):
    """Names of the users, MDD and communes that history rows point to: one query per model, not per row, and
    none for the users already named by the timeline (`utilisateurs`)."""
    noms = {}
    for modele in (User, MDD, Commune):
        label = modele._meta.label_lower
        ids = {pk for (lab, pk) in references if lab == label}
        if modele is User:
            for pk, nom in noms_utilisateurs(ids, utilisateurs).items():
                noms[(label, pk)] = nom
            continue
        for objet in modele.objects.filter(pk__in=ids):
            noms[(label, objet.pk)] = str(objet)
    for label, pk in references:
        if label == "parcours.orientation":
            noms.setdefault((label, pk), "nouvelle orientation")
        elif label == "parcours.contratengagement":
            noms.setdefault((label, pk), "nouveau contrat")
    return noms


def historique(parcours, limite=50, utilisateurs=None) -> list[Modification]:
    """Who changed what and when (django-simple-history), on the parcours and its main events.

    `utilisateurs`: {pk: name} already read (DonneesParcours.utilisateurs), not read again."""
    sources = [
        (Parcours, "Parcours", _historique_de(Parcours).filter(id=parcours.pk)),
        (Beneficiaire, "Personne", _historique_de(Beneficiaire).filter(id=parcours.beneficiaire_id)),
        (Orientation, "Orientation", _historique_de(Orientation).filter(parcours_id=parcours.pk)),
        (ContratEngagement, "Contrat", _historique_de(ContratEngagement).filter(parcours_id=parcours.pk)),
        (Frein, "Frein", _historique_de(Frein).filter(parcours_id=parcours.pk)),
        (RendezVous, "Rendez-vous", _historique_de(RendezVous).filter(parcours_id=parcours.pk)),
    ]
    brutes = []
    references = set()
    for modele, libelle, qs in sources:
        champs = _champs_compares(modele)
        precedents = {}
        # Oldest first so that each row is compared with the previous state of the same object.
        for ligne in qs.order_by("history_date", "history_id"):
            references.add(("pacte.user", ligne.history_user_id))
            avant = precedents.get(ligne.id)
            precedents[ligne.id] = ligne
            differences = []
            if avant is not None:
                for champ in champs:
                    ancien, nouveau = getattr(avant, champ.attname), getattr(ligne, champ.attname)
                    if ancien != nouveau:
                        differences.append((champ, ancien, nouveau))
                        if champ.is_relation:
                            references.update(
                                (champ.related_model._meta.label_lower, v) for v in (ancien, nouveau) if v
                            )
                if not differences and ligne.history_type == "~":
                    continue
            brutes.append((ligne, libelle, differences))
    noms = _noms_des_references(references, utilisateurs)
    modifications = [
        Modification(
            date=ligne.history_date,
            auteur=noms.get(("pacte.user", ligne.history_user_id), "système"),
            objet=libelle,
            action=ACTIONS.get(ligne.history_type, ligne.history_type),
            changements=[
                f"{str(champ.verbose_name).capitalize()} : {_lisible(champ, ancien, noms)} → "
                f"{_lisible(champ, nouveau, noms)}"
                for champ, ancien, nouveau in differences
            ],
        )
        for ligne, libelle, differences in brutes
    ]
    modifications.sort(key=lambda m: m.date, reverse=True)
    return modifications[:limite]


def _historique_de(modele):
    """The history rows of a model, through the historical model's own manager: `modele.history` (the
    django-simple-history descriptor) builds a new manager class at every access."""
    return _modele_historique(modele).objects.all()


@functools.cache
def _modele_historique(modele):
    return modele.history.model


@functools.cache
def _champs_compares(modele):
    """Fields shown in the history: kept by the history model (some are excluded from simple_history), not masked.

    Cached: the model's fields do not change at run time, and `modele.history` builds a new manager class at
    every access (django-simple-history), which cost ~20 ms per page when done per field.
    """
    suivis = {f.name for f in _modele_historique(modele)._meta.fields}
    return [f for f in modele._meta.concrete_fields if f.name not in CHAMPS_MASQUES and f.name in suivis]
