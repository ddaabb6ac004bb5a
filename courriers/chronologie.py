"""The messages of a parcours on its timeline, and the links to invite and convene on its page (parcours.extensions).

Read when the page is drawn, in one query: a message shows its status of now (delivered, bounced…)."""

from django.urls import reverse
from django.utils import timezone

from courriers import permissions
from courriers.models import Message
from parcours import extensions
from parcours.timeline import Element


def elements_messages(parcours) -> list[Element]:
    elements = []
    for m in Message.objects.filter(parcours=parcours).only(
        "nature", "canal", "statut", "destinataire", "created_at", "created_by_id", "derniere_erreur", "version_id"
    ):
        local = timezone.localtime(m.created_at)
        details = [f"Statut : {m.get_statut_display()}"]
        if m.destinataire and m.canal != "courrier":
            details.append(f"Destinataire : {m.destinataire}")
        if m.derniere_erreur and m.statut in ("echoue", "rejete"):
            details.append(f"Motif : {m.derniere_erreur}")
        elements.append(
            Element(
                local.date(),
                "message",
                f"{m.get_nature_display()} ({m.get_canal_display().lower()})",
                details,
                heure=local.time(),
                ordre=m.created_at,
                auteur_id=m.created_by_id,
            )
        )
    return elements


def liens(parcours, user) -> list[dict]:
    if not permissions.peut_inviter(user):
        return []
    return [
        {"label": "Inviter à prendre rendez-vous", "url": reverse("courriers:inviter", args=[parcours.pk])},
        {"label": "Convoquer", "url": reverse("courriers:convoquer", args=[parcours.pk])},
        {"label": "Courriers", "url": reverse("courriers:courriers_parcours", args=[parcours.pk])},
    ]


def brancher():
    extensions.ajouter_source_chronologie(elements_messages)
    extensions.ajouter_liens_parcours(liens)
