"""What every business action on a parcours checks and does: open, not in the future, not before the entry,
and the compare-and-swap on `Parcours.version` (a caller passing the version its form started from gets a
ConflitDeVersion when someone else saved in between)."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from parcours.calendrier import aujourdhui
from parcours.models import Parcours


class ConflitDeVersion(ValidationError):
    """The parcours changed since the form was displayed."""


def pas_dans_le_futur(valeur, champ, libelle):
    if valeur is not None and valeur > aujourdhui():
        raise ValidationError({champ: f"{libelle} ne peut pas être dans le futur."})


def pas_avant_entree(parcours, valeur, champ, libelle):
    if valeur is not None and valeur < parcours.date_entree:
        raise ValidationError(
            {champ: f"{libelle} ne peut pas précéder l'entrée dans le dispositif ({parcours.date_entree:%d/%m/%Y})."}
        )


def verifier_ouvert(parcours):
    if not parcours.est_ouvert:
        raise ValidationError(
            f"Ce parcours est clos depuis le {parcours.date_sortie:%d/%m/%Y} : rien ne peut y être ajouté."
        )


def verrouiller(parcours: Parcours, version: int | None, par) -> Parcours:
    """Compare-and-swap on `version`, then reload the parcours: the caller writes on fresh data."""
    lignes = Parcours.objects.filter(pk=parcours.pk)
    if version is not None:
        lignes = lignes.filter(version=version)
    if not lignes.update(version=F("version") + 1, modifie_par=par, updated_at=timezone.now()):
        actuel = Parcours.objects.select_related("modifie_par").get(pk=parcours.pk)
        auteur = actuel.modifie_par or "un autre utilisateur"
        raise ConflitDeVersion(
            f"Ce parcours a été modifié par {auteur} entre-temps. Votre saisie est conservée ci-dessous : "
            "vérifiez le parcours à jour puis enregistrez à nouveau.",
            code="conflit",
        )
    parcours.refresh_from_db()
    return parcours


def enregistrer_parcours(parcours: Parcours, par, champs: list[str]):
    """Save pointer fields with a history row that names the author."""
    parcours._history_user = par
    parcours.save(update_fields=[*champs, "updated_at"])


def nettoyer(objet, exclure=()):
    try:
        objet.full_clean(exclude=exclure, validate_unique=False)
    except ValidationError as erreur:
        raise ValidationError(erreur.message_dict) from None
