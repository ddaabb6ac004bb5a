"""RGPD: anonymisation of closed parcours after the retention delay, and the right of access.

Anonymisation keeps every row that the indicators count (parcours, events, prescriptions with their
dates, types and states) and blanks what identifies a person: identity, contact details, free texts,
and the change history that still holds them. Aggregates and approved bilans are therefore unchanged.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from parcours.models import (
    Beneficiaire,
    ChangementReferent,
    ContratEngagement,
    Frein,
    Note,
    Orientation,
    Parcours,
    Prescription,
    RendezVous,
    Sortie,
    Transfert,
)

TEXTE_ANONYMISE = "[anonymisé]"
# Free texts of each event model, blanked on anonymisation: they may name or describe the person.
TEXTES_LIBRES = {
    Orientation: {"motif": ""},
    ChangementReferent: {"motif": ""},
    ContratEngagement: {"objectifs": TEXTE_ANONYMISE, "motif_duree": "", "motif_resiliation": ""},
    Frein: {"commentaire": ""},
    RendezVous: {"objet": ""},
    Note: {"texte": TEXTE_ANONYMISE},
    Sortie: {"commentaire": ""},
    Transfert: {"motif": ""},
    Prescription: {"motif": "", "motif_hors_capacite": ""},
}
# Anonymised people get a number outside the CAF/MSA ranges, unique per person (the constraint holds).
BASE_NUMERO_ANONYME = 9_000_000_000_000


@dataclass
class BilanAnonymisation:
    beneficiaires: int
    parcours: int
    applique: bool


def a_anonymiser(aujourdhui: datetime.date | None = None, delai_jours: int | None = None):
    """People whose every parcours closed more than the delay ago and who are not yet anonymised."""
    aujourdhui = aujourdhui or timezone.localdate()
    delai = settings.PACTE_DELAI_ANONYMISATION_JOURS if delai_jours is None else delai_jours
    limite = aujourdhui - datetime.timedelta(days=delai)
    recents = Parcours.objects.filter(beneficiaire=models.OuterRef("pk")).filter(
        models.Q(date_sortie__isnull=True) | models.Q(date_sortie__gt=limite)
    )
    return (
        Beneficiaire.objects.filter(anonymise_le__isnull=True, parcours__isnull=False)
        .exclude(models.Exists(recents))
        .distinct()
    )


def anonymiser(aujourdhui=None, delai_jours=None, *, appliquer=False) -> BilanAnonymisation:
    """Dry run by default: counts what would be anonymised. With appliquer=True, does it in one transaction."""
    ids = list(a_anonymiser(aujourdhui, delai_jours).values_list("pk", flat=True))
    nb_parcours = Parcours.objects.filter(beneficiaire_id__in=ids).count()
    if appliquer and ids:
        with transaction.atomic():
            _anonymiser_ids(ids)
    return BilanAnonymisation(beneficiaires=len(ids), parcours=nb_parcours, applique=appliquer)


def _anonymiser_ids(ids: list[int]) -> None:
    maintenant = timezone.now()
    parcours_ids = list(Parcours.objects.filter(beneficiaire_id__in=ids).values_list("pk", flat=True))
    for model, champs in TEXTES_LIBRES.items():
        model.objects.filter(parcours_id__in=parcours_ids).update(**champs)
        _purger_historique(model, {"parcours_id__in": parcours_ids})
    _purger_historique(Parcours, {"id__in": parcours_ids})
    _purger_historique(Beneficiaire, {"id__in": ids})
    Parcours.objects.filter(pk__in=parcours_ids).update(nom_tri="anonyme")
    # One UPDATE per person: each gets its own synthetic number; birth date kept to the year for age bands.
    for beneficiaire in Beneficiaire.objects.filter(pk__in=ids).only("pk", "date_naissance"):
        Beneficiaire.objects.filter(pk=beneficiaire.pk).update(
            numero_allocataire=str(BASE_NUMERO_ANONYME + beneficiaire.pk),
            nom="ANONYME",
            prenom="",
            nom_recherche="anonyme",
            date_naissance=datetime.date(beneficiaire.date_naissance.year, 1, 1),
            adresse="",
            telephone="",
            email="",
            anonymise_le=maintenant,
        )


def _purger_historique(model, filtre: dict) -> None:
    history = getattr(model, "history", None)
    if history is not None:
        history.model.objects.filter(**filtre).delete()


def donnees_de_la_personne(beneficiaire: Beneficiaire) -> dict:
    """Everything the app holds on one person (right of access, RGPD art. 15), as plain data."""

    def lignes(queryset, *champs):
        return [{c: _texte(getattr(obj, c)) for c in champs} for obj in queryset]

    parcours_list = []
    for p in (
        Parcours.objects.filter(beneficiaire=beneficiaire).select_related("mdd", "referent").order_by("date_entree")
    ):
        parcours_list.append(
            {
                "mdd": p.mdd.nom,
                "referent_unique": str(p.referent) if p.referent else "",
                "date_ouverture_droit": _texte(p.date_ouverture_droit),
                "date_entree": _texte(p.date_entree),
                "date_sortie": _texte(p.date_sortie),
                "orientations": lignes(p.orientations.all(), "date_decision", "type", "organisme_referent", "motif"),
                "contrats": lignes(
                    p.contratengagements.all(), "date_debut", "date_fin", "etat", "objectifs", "heures_hebdomadaires"
                ),
                "freins": lignes(p.freins.all(), "categorie", "date_identification", "date_levee", "commentaire"),
                "rendez_vous": lignes(p.rendezvouss.all(), "date", "nature", "presence", "objet"),
                "notes": lignes(p.notes.all(), "date", "texte"),
                "prescriptions": [
                    {
                        "action": pr.action.intitule,
                        "partenaire": pr.action.partenaire.raison_sociale,
                        "etat": pr.etat,
                        "date_proposition": _texte(pr.date_proposition),
                        "date_entree": _texte(pr.date_entree),
                        "date_sortie": _texte(pr.date_sortie),
                    }
                    for pr in p.prescriptions.select_related("action__partenaire")
                ],
                "sorties": lignes(p.sorties.all(), "date", "type", "commentaire"),
                "transferts": lignes(p.transferts.select_related("mdd_origine", "mdd_destination"), "date", "motif"),
            }
        )
    return {
        "personne": {
            "organisme_payeur": beneficiaire.organisme_payeur,
            "numero_allocataire": beneficiaire.numero_allocataire,
            "qualite": beneficiaire.qualite,
            "nom": beneficiaire.nom,
            "prenom": beneficiaire.prenom,
            "date_naissance": _texte(beneficiaire.date_naissance),
            "sexe": beneficiaire.sexe,
            "commune": beneficiaire.commune.nom if beneficiaire.commune_id else "",
            "adresse": beneficiaire.adresse,
            "telephone": beneficiaire.telephone,
            "email": beneficiaire.email,
        },
        "parcours": parcours_list,
    }


def _texte(valeur):
    if isinstance(valeur, datetime.datetime):
        return timezone.localtime(valeur).strftime("%d/%m/%Y %H:%M")
    if isinstance(valeur, datetime.date):
        return valeur.strftime("%d/%m/%Y")
    if valeur is None:
        return ""
    return str(valeur)
