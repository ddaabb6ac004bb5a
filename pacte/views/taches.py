"""The page of a background job and its htmx partial (see pacte.taches for how to use them)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from pacte.models import TacheDeFond


def tache(request, pk):
    tache = get_object_or_404(TacheDeFond.objects.visible_par(request.user).defer("fichier"), pk=pk)
    contexte = {"tache": tache}
    if request.htmx:
        return render(request, "pacte/includes/tache_progression.html", contexte)
    contexte.update(titre=tache.libelle, fil_ariane=[{"label": "Tâches de fond"}, {"label": tache.libelle}])
    return render(request, "pacte/tache.html", contexte)


def tache_fichier(request, pk):
    tache = get_object_or_404(TacheDeFond.objects.visible_par(request.user), pk=pk)
    if not (tache.etat == TacheDeFond.Etat.TERMINEE and tache.fichier_nom):
        raise Http404("Aucun fichier à télécharger pour cette tâche.")
    response = HttpResponse(bytes(tache.fichier), content_type=tache.fichier_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{tache.fichier_nom}"'
    return response
