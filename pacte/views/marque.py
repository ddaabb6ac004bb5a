"""The département's logo, served from the brand loaded with the référentiel, and the accessibility statement."""

import base64

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pacte.marque import identite

UN_AN = 365 * 24 * 3600


@login_not_required
@require_GET
def logo(request, empreinte):
    """The address holds the logo's fingerprint: a new logo is a new address, so browsers may keep this one."""
    marque = identite()
    if not marque.logo_base64 or empreinte != marque.empreinte:
        raise Http404("Aucun logo à cette adresse.")
    reponse = HttpResponse(base64.b64decode(marque.logo_base64), content_type=marque.logo_type)
    reponse["Cache-Control"] = f"public, max-age={UN_AN}, immutable"
    # An SVG opened on its own is a document of this site: nothing in it may run or load.
    reponse["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return reponse


@login_not_required
@require_GET
def accessibilite(request):
    contexte = {"titre": "Déclaration d'accessibilité", "contact_accessibilite": settings.PACTE_CONTACT_ACCESSIBILITE}
    return render(request, "accessibilite.html", contexte)
