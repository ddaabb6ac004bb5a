"""The providers' status callbacks: no session, no CSRF (they are machines), a signature or a secret address
instead (courriers.rappels)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
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


@csrf_exempt
@login_not_required
def rappel_fournisseur_jeton(request, fournisseur, jeton):
    """Brevo's webhooks, which are not signed: the secret is the token in the address."""
    try:
        rappels.verifier_jeton(jeton)
    except rappels.RappelRefuse as refus:
        raise Http404(str(refus)) from None
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        resultat = rappels.recevoir_par_jeton(request.body, jeton)
    except rappels.RappelRefuse as refus:
        if refus.statut == 404:
            raise Http404(str(refus)) from None
        return JsonResponse({"erreur": str(refus)}, status=refus.statut)
    return JsonResponse({"resultat": resultat})
