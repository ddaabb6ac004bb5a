"""The page where a user creates, renews or revokes their own API token (administrators revoke in the admin)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token


@require_http_methods(["GET", "POST"])
def jeton_api(request):
    jeton = Token.objects.filter(user=request.user).first()
    nouvelle_cle = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "creer":
            Token.objects.filter(user=request.user).delete()
            jeton = Token.objects.create(user=request.user)
            # Shown once, in the answer to the POST: the key is never displayed again.
            nouvelle_cle = jeton.key
        elif action == "revoquer":
            Token.objects.filter(user=request.user).delete()
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
