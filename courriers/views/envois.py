"""Placeholder, filled by the next commits."""

from django.http import Http404


def _absente(request, *args, **kwargs):
    raise Http404


inviter = convoquer = courriers_parcours = lettre_parcours = inviter_en_nombre = _absente
lettre_message = lettres_en_nombre = _absente
