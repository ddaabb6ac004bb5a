from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render

from evaluation import cache
from evaluation.forms import TableauDeBordForm
from evaluation.permissions import evaluation_requise


@evaluation_requise
def tableau_de_bord(request):
    """GET shows the figures (from the cache when fresh); POST «Recalculer» recomputes them, then shows them."""
    form = TableauDeBordForm(request.GET or None)
    contexte = {
        "form": form,
        "titre": "Tableau de bord des indicateurs",
        "fil_ariane": [{"label": "Tableau de bord"}],
        "parametres": request.GET.urlencode(),
        "fraicheur_minutes": settings.PACTE_FRAICHEUR_INDICATEURS // 60,
    }
    if not request.GET or form.is_valid():
        if not request.GET:
            form = TableauDeBordForm({})
            form.is_valid()
            contexte["form"] = form
        debut, fin = form.periode()
        if request.method == "POST":
            cache.tableau_de_bord(debut, fin, form.filtres(), recalculer=True)
            return HttpResponseRedirect(request.get_full_path())
        contexte.update(cache.tableau_de_bord(debut, fin, form.filtres()), debut=debut, fin=fin)
    if request.htmx:
        return render(request, "evaluation/tableau_de_bord.html#resultats", contexte)
    return render(request, "evaluation/tableau_de_bord.html", contexte)
