"""Background tasks of courriers (django-tasks): the sending queue, bulk invitations, merged letters, and the daily
round of reminders and expiries."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from courriers import convocations, envoi, invitations, lettres
from courriers.models import Message
from courriers.referentiel import departement_courant
from pacte.models import Pacte, User
from pacte.taches import avancer, executer, terminer

# Invitations written per transaction by the bulk task: the progress bar moves and a failure keeps what was done.
INVITATIONS_PAR_LOT = 500


@task()
def traiter_file_tache() -> dict:
    """One run of the queue (the référentiel's number per minute); a database backend brings it back a minute
    later while messages remain (the immediate backend of development runs it once)."""
    bilan = envoi.traiter_file()
    backend = traiter_file_tache.get_backend()
    if backend.supports_defer and envoi.reste_a_envoyer():
        traiter_file_tache.using(run_after=timezone.now() + datetime.timedelta(minutes=1)).enqueue()
    return bilan


def demander_envoi() -> None:
    """Run the queue once the current transaction has committed (the messages are then visible to the worker)."""
    transaction.on_commit(traiter_file_tache.enqueue)


@task()
def inviter_en_masse_tache(tache_id: int, parcours_ids: list[int], canaux: list[str], par_id: int) -> dict:
    with executer(tache_id):
        par = User.objects.get(pk=par_id)
        total = len(parcours_ids)
        cumul = invitations.Bilan()
        for debut in range(0, total, INVITATIONS_PAR_LOT):
            bilan = invitations.inviter(parcours_ids[debut : debut + INVITATIONS_PAR_LOT], canaux=canaux, par=par)
            cumul.invitees += bilan.invitees
            cumul.messages += bilan.messages
            cumul.motifs.extend(bilan.motifs)
            fait = min(debut + INVITATIONS_PAR_LOT, total)
            avancer(tache_id, 100 * fait // max(total, 1), f"{fait} personne(s) sur {total} traitée(s).")
        demander_envoi()
        terminer(
            tache_id,
            message=f"{cumul.invitees} personne(s) invitée(s), {cumul.messages} message(s) en partance, "
            f"{len(cumul.motifs)} envoi(s) impossible(s).",
            resultat={"motifs": cumul.motifs[:200], "url": reverse("courriers:inviter_en_nombre")},
        )
        return {"invitees": cumul.invitees, "messages": cumul.messages}


@task()
def lettres_en_masse_tache(tache_id: int, message_ids: list[int]) -> int:
    with executer(tache_id):
        pacte = Pacte.courant()
        departement = pacte.departement_nom if pacte else ""
        choisis = (
            Message.objects.filter(pk__in=message_ids, canal="courrier")
            .select_related("parcours__beneficiaire__commune", "parcours__mdd", "version")
            .order_by("parcours__beneficiaire__commune__code_postal", "pk")
        )
        toutes = (lettres.lettre_de_message(m, departement) for m in choisis.iterator(chunk_size=500))
        contenu = lettres.pdf_fusionne(
            toutes, avancer=lambda fait, total: avancer(tache_id, 100 * fait // max(total, 1), f"{fait} lettre(s).")
        )
        terminer(
            tache_id,
            fichier=contenu,
            fichier_nom="courriers.pdf",
            fichier_type="application/pdf",
            message=f"{len(message_ids)} courrier(s) fusionné(s).",
        )
        return len(message_ids)


@task()
def tournee_quotidienne() -> dict:
    """Reminders of invitations, expiries, reminders of tomorrow's convocations, then the queue."""
    if not departement_courant():
        return {}
    bilan = {
        "relances": invitations.relancer(),
        "expirees": invitations.expirer(),
        "rappels_convocation": convocations.rappeler(),
    }
    demander_envoi()
    return bilan
