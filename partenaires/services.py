"""Business actions of the partner side. Views, API, imports and the demo call these; each is atomic."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from partenaires.models import Action, Ajustement, Financement, ObjectifAction, ResultatAction, Versement
from partenaires.models.actions import SORTIE_FIELDS
from partenaires.permissions import peut_ajuster_action, peut_gerer_action

CHAMPS_RESULTAT = ["participants", "heures", *SORTIE_FIELDS.values()]
# The largest value of a PositiveIntegerField on every database: beyond it, a French error, not a 500.
PLAFOND_ENTIER = 2_147_483_647
MESSAGE_PLAFOND = f"Ce chiffre est trop grand (au plus {PLAFOND_ENTIER:_}).".replace("_", " ")


def _date_json(valeur):
    return valeur.isoformat() if isinstance(valeur, datetime.date) else valeur


def _effet_objectifs(action, *, indicateur, valeur_cible, **_):
    if not indicateur or valeur_cible is None or valeur_cible < 0:
        raise ValidationError({"valeur_cible": "Indiquez l'indicateur et sa nouvelle valeur cible."})
    if valeur_cible > PLAFOND_ENTIER:
        raise ValidationError({"valeur_cible": MESSAGE_PLAFOND})
    objectif = ObjectifAction.objects.filter(action=action, indicateur=indicateur).first()
    avant = {indicateur: objectif.valeur_cible if objectif else None}
    ObjectifAction.objects.update_or_create(
        action=action, indicateur=indicateur, defaults={"valeur_cible": valeur_cible}
    )
    return avant, {indicateur: valeur_cible}


def _effet_financement(action, *, montant_conventionne, **_):
    if action.financement_id is None:
        raise ValidationError({"effet": "Cette action n'a pas de financement à modifier."})
    if montant_conventionne is None or montant_conventionne < 0:
        raise ValidationError({"montant_conventionne": "Indiquez le nouveau montant conventionné."})
    financement = Financement.objects.select_for_update().get(pk=action.financement_id)
    verse = financement.versements.aggregate(s=Sum("montant"))["s"] or Decimal(0)
    if montant_conventionne < verse:
        raise ValidationError(
            {"montant_conventionne": f"Le montant conventionné ne peut pas être inférieur aux versements ({verse} €)."}
        )
    avant = {"montant_conventionne": str(financement.montant_conventionne)}
    financement.montant_conventionne = montant_conventionne
    financement.save(update_fields=["montant_conventionne"])
    return avant, {"montant_conventionne": str(montant_conventionne)}


def _effet_periode(action, *, date_debut, date_fin, **_):
    if not date_debut or not date_fin:
        raise ValidationError({"date_fin": "Indiquez les nouvelles dates de début et de fin."})
    if date_fin <= date_debut:
        raise ValidationError({"date_fin": "La fin de l'action doit suivre son début."})
    if action.resultats.exclude(periode_debut__gte=date_debut, periode_fin__lte=date_fin).exists():
        raise ValidationError({"date_fin": "Des résultats déjà saisis sortiraient de la nouvelle période."})
    avant = {"date_debut": _date_json(action.date_debut), "date_fin": _date_json(action.date_fin)}
    action.date_debut, action.date_fin = date_debut, date_fin
    action.save()
    return avant, {"date_debut": _date_json(date_debut), "date_fin": _date_json(date_fin)}


def _effet_places(action, *, places, **_):
    if places is None or places < 0:
        raise ValidationError({"places": "Indiquez le nouveau nombre de places."})
    if places > PLAFOND_ENTIER:
        raise ValidationError({"places": MESSAGE_PLAFOND})
    avant = {"places": action.places}
    action.places = places
    action.save()
    return avant, {"places": places}


VALEURS_D_AJUSTEMENT = ("indicateur", "valeur_cible", "montant_conventionne", "date_debut", "date_fin", "places")

# What each kind of ajustement changes on the action (before, after); «aucun» changes nothing.
EFFETS = {
    Ajustement.Effet.AUCUN: lambda action, **_: ({}, {}),
    Ajustement.Effet.OBJECTIFS: _effet_objectifs,
    Ajustement.Effet.FINANCEMENT: _effet_financement,
    Ajustement.Effet.PERIODE: _effet_periode,
    Ajustement.Effet.PLACES: _effet_places,
}


@transaction.atomic
def enregistrer_ajustement(
    action: Action,
    par,
    *,
    date: datetime.date,
    objet: str,
    decision: str,
    effet: str = Ajustement.Effet.AUCUN,
    decision_reunion=None,
    **valeurs,
) -> Ajustement:
    """Record an ajustement and apply its effect to the action, keeping the before/after values.

    `valeurs` are the new values the effect needs: indicateur and valeur_cible, montant_conventionne,
    date_debut and date_fin, places.
    """
    if not peut_ajuster_action(par, action):
        raise ValidationError(
            "Seul le référent thématique de cette action (ou un administrateur) convient d'un ajustement."
        )
    if effet not in EFFETS:
        raise ValidationError({"effet": "Effet inconnu."})
    defauts = dict.fromkeys(VALEURS_D_AJUSTEMENT)
    if set(valeurs) - set(defauts):
        raise TypeError(f"Valeurs d'ajustement inconnues : {sorted(set(valeurs) - set(defauts))}")
    action = Action.objects.select_for_update().get(pk=action.pk)
    avant, apres = EFFETS[effet](action, **{**defauts, **valeurs})
    return Ajustement.objects.create(
        action=action,
        date=date,
        auteur=par,
        objet=objet,
        decision=decision,
        effet=effet,
        decision_reunion=decision_reunion,
        valeur_avant=avant,
        valeur_apres=apres,
    )


def verifier_resultat(action: Action, periode_debut, periode_fin, valeurs: dict, *, exclure_pk=None) -> None:
    """Checks of a period's results; raises a ValidationError keyed by field, in French."""
    erreurs = {}
    for champ in CHAMPS_RESULTAT:
        if valeurs.get(champ) is not None and valeurs[champ] < 0:
            erreurs[champ] = "Un chiffre ne peut pas être négatif."
        elif valeurs.get(champ) is not None and valeurs[champ] > PLAFOND_ENTIER:
            erreurs[champ] = MESSAGE_PLAFOND
    if periode_debut and periode_fin:
        if periode_fin < periode_debut:
            erreurs["periode_fin"] = "La fin de la période doit suivre son début."
        elif periode_debut < action.date_debut or periode_fin > action.date_fin:
            erreurs["periode_debut"] = (
                f"La période doit être comprise dans celle de l'action "
                f"(du {action.date_debut:%d/%m/%Y} au {action.date_fin:%d/%m/%Y})."
            )
        else:
            chevauchement = ResultatAction.objects.filter(
                action=action, periode_debut__lte=periode_fin, periode_fin__gte=periode_debut
            )
            if exclure_pk:
                chevauchement = chevauchement.exclude(pk=exclure_pk)
            autre = chevauchement.first()
            if autre:
                erreurs["periode_debut"] = (
                    f"Cette période chevauche celle déjà saisie du {autre.periode_debut:%d/%m/%Y} "
                    f"au {autre.periode_fin:%d/%m/%Y} : corrigez plutôt cette saisie."
                )
    sorties = sum(valeurs.get(champ) or 0 for champ in SORTIE_FIELDS.values())
    if valeurs.get("participants") is not None and sorties > valeurs["participants"]:
        erreurs["participants"] = (
            f"Le total des sorties ({sorties}) ne peut pas dépasser "
            f"le nombre de participants ({valeurs['participants']})."
        )
    if erreurs:
        raise ValidationError(erreurs)


@transaction.atomic
def enregistrer_resultat(
    action: Action, par, *, periode_debut, periode_fin, source=ResultatAction.Source.REFERENT, resultat=None, **valeurs
) -> ResultatAction:
    """Create the results of a period, or correct `resultat` (simple_history keeps the previous figures)."""
    if not peut_gerer_action(par, action):
        raise ValidationError("Vous ne suivez pas cette action : vous ne pouvez pas en saisir les résultats.")
    action = Action.objects.select_for_update().get(pk=action.pk)
    if resultat is not None and resultat.action_id != action.pk:
        raise ValidationError("Ce résultat n'appartient pas à cette action.")
    verifier_resultat(action, periode_debut, periode_fin, valeurs, exclure_pk=resultat.pk if resultat else None)
    resultat = resultat or ResultatAction(action=action)
    resultat.periode_debut, resultat.periode_fin = periode_debut, periode_fin
    for champ in CHAMPS_RESULTAT:
        setattr(resultat, champ, valeurs.get(champ) or 0)
    resultat.source = source
    resultat.saisi_par = par
    resultat.save()
    return resultat


@transaction.atomic
def enregistrer_versement(financement: Financement, *, nature: str, date, montant: Decimal) -> Versement:
    """A payment beyond the agreed amount is refused."""
    financement = Financement.objects.select_for_update().get(pk=financement.pk)
    if montant is None or montant <= 0:
        raise ValidationError({"montant": "Le montant d'un versement est positif."})
    deja = financement.versements.aggregate(s=Sum("montant"))["s"] or Decimal(0)
    if deja + montant > financement.montant_conventionne:
        reste = financement.montant_conventionne - deja
        raise ValidationError(
            {
                "montant": (
                    f"Ce versement dépasserait le montant conventionné ({financement.montant_conventionne} €) : "
                    f"il reste {reste} € à verser."
                )
            }
        )
    return Versement.objects.create(financement=financement, nature=nature, date=date, montant=montant)
