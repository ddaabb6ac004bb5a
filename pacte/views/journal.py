from django.core.paginator import Paginator
from django.shortcuts import render

from pacte.access import administrateur_requis
from pacte.filters import JournalAccesFilter
from pacte.models import JournalAcces


@administrateur_requis
def journal_acces(request):
    filtre = JournalAccesFilter(request.GET, queryset=JournalAcces.objects.select_related("utilisateur"))
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "pacte/journal_acces.html",
        {
            "filtre": filtre,
            "page_obj": page,
            "titre": "Journal d'accès",
            "fil_ariane": [{"label": "Journal d'accès"}],
        },
    )
