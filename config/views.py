from django.shortcuts import render

from config.accueil import accueil_pour


def accueil(request):
    page = accueil_pour(request.user)
    return render(request, "pacte/accueil.html", {"page": page, "titre": page.titre})
