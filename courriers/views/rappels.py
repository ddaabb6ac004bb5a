"""The providers' status callbacks: no session, no CSRF (they are machines), a signature instead."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from courriers import rappels


@csrf_exempt
@login_not_required
def rappel_fournisseur(request, fournisseur):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        resultat = rappels.recevoir(
            request.body,
            request.headers.get("X-Pacte-Horodatage", ""),
            request.headers.get("X-Pacte-Signature", ""),
        )
    except rappels.RappelRefuse as refus:
        return JsonResponse({"erreur": str(refus)}, status=refus.statut)
    return JsonResponse({"resultat": resultat})
