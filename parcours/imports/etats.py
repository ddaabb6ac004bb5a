"""The state machine of an import (ImportFichier): aperçu → en cours → terminé, or interrompu then resumed.

TRANSITIONS is the table; appliquer_transition is the only function that changes an import's state, and it
writes a TransitionImport row (who, when, from, to, why). Starting a run is also taking the file's lock:

- the move to "en cours" is a conditional UPDATE (only from the state read), so two callers cannot both win it;
- a partial unique index allows one "en cours" import per file (SHA-256), so the page and the command, or two
  commands, cannot import the same file at once, on SQLite and PostgreSQL alike;
- the run holds a lease: a `jeton` that every batch it commits checks, and a `battement` (last sign of life)
  that every batch renews. An "en cours" import silent for longer than DELAI_SANS_SIGNE_DE_VIE was killed with
  its worker: it is shown as such and may be resumed; the old run, if it ever wakes up, loses its lease.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from pacte.models import ImportFichier, TransitionImport

E = ImportFichier.Etat
# A batch of 1,000 lines commits in about a second: two minutes without one means the worker is gone.
DELAI_SANS_SIGNE_DE_VIE = datetime.timedelta(minutes=2)

TRANSITIONS = {
    "": {E.APERCU, E.EN_COURS},
    E.APERCU: {E.EN_COURS},
    E.EN_COURS: {E.TERMINE, E.ECHOUE},
    E.ECHOUE: {E.EN_COURS},
    E.TERMINE: set(),
}


class TransitionRefusee(Exception):
    """The move is not in the table, or the import changed state meanwhile: nothing was written."""


class ImportOccupe(TransitionRefusee):
    """The file is being imported by another run (the page, the command or a worker)."""


class ExecutionRemplacee(Exception):
    """This run lost its lease (the import was resumed elsewhere): it stops, its current batch is undone."""


def est_sans_signe_de_vie(import_fichier: ImportFichier, maintenant=None) -> bool:
    if import_fichier.etat != E.EN_COURS:
        return False
    maintenant = maintenant or timezone.now()
    dernier = import_fichier.battement or import_fichier.updated_at
    return dernier is None or maintenant - dernier > DELAI_SANS_SIGNE_DE_VIE


def appliquer_transition(import_fichier: ImportFichier, etat: str, *, par=None, motif: str = "", **champs) -> None:
    """Move `import_fichier` from the state it was read in to `etat`, with `champs`, and log the move."""
    avant = import_fichier.etat if import_fichier.pk else ""
    if etat not in TRANSITIONS[avant]:
        raise TransitionRefusee(
            f"L'import ne peut pas passer de l'état « {_libelle(avant)} » à l'état « {_libelle(etat)} »."
        )
    maintenant = timezone.now()
    try:
        with transaction.atomic():
            modifies = ImportFichier.objects.filter(pk=import_fichier.pk, etat=avant).update(
                etat=etat, updated_at=maintenant, **champs
            )
            if modifies != 1:
                raise TransitionRefusee("L'import a changé d'état entre-temps : rechargez la page.")
            TransitionImport.objects.create(
                import_fichier=import_fichier, etat_avant=avant, etat_apres=etat, motif=motif[:500], par=par
            )
    except IntegrityError:
        raise ImportOccupe(_message_occupe(import_fichier)) from None
    import_fichier.etat = etat
    for nom, valeur in champs.items():
        setattr(import_fichier, nom, valeur)


def creer(*, par=None, **champs) -> ImportFichier:
    """A new import in aperçu (the page's preview, or the command before it starts), its creation logged."""
    import_fichier = ImportFichier.objects.create(etat=E.APERCU, utilisateur=par, **champs)
    TransitionImport.objects.create(import_fichier=import_fichier, etat_avant="", etat_apres=E.APERCU, par=par)
    return import_fichier


def demarrer(import_fichier: ImportFichier, *, par=None) -> str:
    """Take the file's lock and a new lease; return the run's jeton. Raises ImportOccupe if another run holds it."""
    import_fichier.refresh_from_db(fields=["etat", "battement", "updated_at", "derniere_ligne"])
    if import_fichier.etat == E.EN_COURS:
        if not est_sans_signe_de_vie(import_fichier):
            raise ImportOccupe(_message_occupe(import_fichier))
        appliquer_transition(
            import_fichier,
            E.ECHOUE,
            par=par,
            motif=f"Sans signe de vie depuis le {_heure(import_fichier)} : le traitement a été arrêté.",
            jeton="",
        )
    jeton = uuid.uuid4().hex
    motif = f"Reprise après la ligne {import_fichier.derniere_ligne}." if import_fichier.derniere_ligne else ""
    appliquer_transition(
        import_fichier, E.EN_COURS, par=par, motif=motif, jeton=jeton, battement=timezone.now(), erreur=""
    )
    return jeton


def battre(import_fichier: ImportFichier, jeton: str, **champs) -> None:
    """Renew the lease (and record `champs`) in the caller's transaction; raise if the lease was lost."""
    maintenant = timezone.now()
    if not ImportFichier.objects.filter(pk=import_fichier.pk, etat=E.EN_COURS, jeton=jeton).update(
        battement=maintenant, updated_at=maintenant, **champs
    ):
        raise ExecutionRemplacee("L'import a été repris par une autre exécution : celle-ci s'arrête.")


def terminer(import_fichier: ImportFichier, jeton: str, *, compteurs: dict, par=None) -> None:
    _par_son_execution(import_fichier, jeton)
    appliquer_transition(import_fichier, E.TERMINE, par=par, compteurs=compteurs, jeton="")


def interrompre(import_fichier: ImportFichier, jeton: str, *, erreur: str, par=None) -> None:
    """The run failed: the import is interrompu, to be resumed. A run that lost its lease changes nothing."""
    try:
        _par_son_execution(import_fichier, jeton)
        appliquer_transition(import_fichier, E.ECHOUE, par=par, motif=erreur, erreur=erreur[:2000], jeton="")
    except (ExecutionRemplacee, TransitionRefusee):
        pass


def _par_son_execution(import_fichier, jeton):
    import_fichier.refresh_from_db(fields=["etat", "jeton"])
    if import_fichier.etat != E.EN_COURS or import_fichier.jeton != jeton:
        raise ExecutionRemplacee("L'import a été repris par une autre exécution : celle-ci s'arrête.")


def _message_occupe(import_fichier) -> str:
    autre = (
        ImportFichier.objects.filter(empreinte=import_fichier.empreinte, etat=E.EN_COURS)
        .select_related("utilisateur")
        .first()
    )
    if autre is None:
        return "Un import de ce fichier est déjà en cours : attendez qu'il se termine."
    qui = f" par {autre.utilisateur}" if autre.utilisateur else " en ligne de commande"
    return (
        f"Ce fichier est déjà en cours d'import (import n° {autre.pk}, lancé{qui}, dernier signe de vie le "
        f"{_heure(autre)}) : attendez qu'il se termine, ou reprenez-le s'il ne donne plus signe de vie."
    )


def _heure(import_fichier) -> str:
    dernier = import_fichier.battement or import_fichier.updated_at
    return timezone.localtime(dernier).strftime("%d/%m/%Y à %H:%M") if dernier else "—"


def _libelle(etat: str) -> str:
    return E(etat).label if etat else "nouveau"
