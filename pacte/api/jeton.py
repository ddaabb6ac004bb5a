"""The page where a user creates, renews or revokes their own API token (administrators revoke in the admin)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pacte.models import JetonAPI


@require_http_methods(["GET", "POST"])
def jeton_api(request):
    jeton = JetonAPI.objects.filter(utilisateur=request.user).first()
    nouvelle_cle = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "creer":
            # Shown once, in the answer to the POST: only its digest is stored.
            jeton, nouvelle_cle = JetonAPI.creer(request.user)
        elif action == "revoquer":
            JetonAPI.objects.filter(utilisateur=request.user).delete()
            messages.success(request, "Votre jeton d'accès à l'API est révoqué : il ne permet plus aucun accès.")
            return redirect("jeton_api")
        else:
            messages.error(request, "Action inconnue : choisissez « Créer un jeton » ou « Révoquer le jeton ».")
            return redirect("jeton_api")
    return render(
        request,
        "pacte/jeton_api.html",
        {
            "jeton": jeton,
            "nouvelle_cle": nouvelle_cle,
            "titre": "Mon jeton d'accès à l'API",
            "fil_ariane": [{"label": "Mon jeton d'accès à l'API"}],
        },
    )
