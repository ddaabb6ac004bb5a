from django.shortcuts import render

from evaluation.access import evaluation_requise
from evaluation.forms import TableauDeBordForm
from evaluation.tableau import contenu_tableau_de_bord


@evaluation_requise
def tableau_de_bord(request):
    form = TableauDeBordForm(request.GET or None)
    contexte = {
        "form": form,
        "titre": "Tableau de bord des indicateurs",
        "fil_ariane": [{"label": "Tableau de bord"}],
        "parametres": request.GET.urlencode(),
    }
    if not request.GET or form.is_valid():
        if not request.GET:
            form = TableauDeBordForm({})
            form.is_valid()
            contexte["form"] = form
        debut, fin = form.periode()
        contexte.update(contenu_tableau_de_bord(debut, fin, form.filtres()), debut=debut, fin=fin)
    if request.htmx:
        return render(request, "evaluation/tableau_de_bord.html#resultats", contexte)
    return render(request, "evaluation/tableau_de_bord.html", contexte)
