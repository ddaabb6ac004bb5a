from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def erreur_403(request, exception=None):
    return render(request, "erreurs/403.html", {"titre": "Accès refusé"}, status=403)


@login_not_required
def erreur_404(request, exception=None):
    return render(request, "erreurs/404.html", {"titre": "Page introuvable"}, status=404)


@login_not_required
def erreur_500(request):
    # No context processors here: the database may be the reason of the error.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("erreurs/500.html").render())
