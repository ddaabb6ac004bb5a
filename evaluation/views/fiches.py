"""The fiches of the indicators: the written definition of every figure, each reachable from the figure."""

from django.shortcuts import render
from django.urls import reverse

from evaluation.indicateurs import GROUPES, fiches
from evaluation.permissions import evaluation_requise


@evaluation_requise
def fiches_des_indicateurs(request):
    groupes = {g: [] for g in GROUPES}
    for f in fiches():
        groupes.setdefault(f.groupe, []).append(f)
    contexte = {
        "titre": "Définition des indicateurs",
        "fil_ariane": [
            {"label": "Tableau de bord", "url": reverse("evaluation:tableau_de_bord")},
            {"label": "Définition des indicateurs"},
        ],
        "groupes": [{"groupe": g, "fiches": liste} for g, liste in groupes.items() if liste],
    }
    return render(request, "evaluation/fiches.html", contexte)
