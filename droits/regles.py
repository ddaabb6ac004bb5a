"""Checks shared by the droits et devoirs functions: the scale in force, dates, the parcours open."""

import datetime

from django.core.exceptions import ValidationError

from pacte.models import BaremeDroitsDevoirs
from parcours.calendrier import aujourdhui


def bareme_en_vigueur(jour: datetime.date) -> BaremeDroitsDevoirs:
    bareme = BaremeDroitsDevoirs.objects.en_vigueur_le(jour)
    if bareme is None:
        raise ValidationError(
            f"Aucun barème des droits et devoirs n'est en vigueur au {jour:%d/%m/%Y} : "
            "chargez la rubrique « droits_et_devoirs » du référentiel."
        )
    return bareme


def pas_dans_le_futur(jour, champ: str, libelle: str) -> None:
    if jour is None:
        raise ValidationError({champ: f"{libelle} est obligatoire."})
    if jour > aujourdhui():
        raise ValidationError({champ: f"{libelle} ne peut pas être dans le futur."})


def lundi(jour: datetime.date) -> datetime.date:
    """The Monday of the week of `jour`: a week is named by its Monday everywhere in droits."""
    return jour - datetime.timedelta(days=jour.weekday())


def texte_obligatoire(valeur, champ: str, message: str) -> str:
    propre = (valeur or "").strip()
    if not propre:
        raise ValidationError({champ: message})
    return propre
