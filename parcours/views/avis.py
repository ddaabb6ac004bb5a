"""Marking one's own notice read, from the home page."""

from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from parcours import avis


@require_POST
def marquer_lu(request, pk):
    # Only the addressee's own notices: any other id answers 404, as if it did not exist.
    if not request.user.is_authenticated or not avis.marquer_lu(request.user, pk):
        raise Http404("Avis introuvable.")
    return redirect("accueil")
