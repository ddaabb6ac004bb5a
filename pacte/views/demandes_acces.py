"""The administrator's list of the access requests ProConnect brought, and the answer to each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from pacte.access import administrateur_requis
from pacte.forms import ApprobationDemandeForm
from pacte.models import DemandeAcces
from pacte.proconnect.agents import approuver_demande, refuser_demande

FIL = {"label": "Demandes d'accès", "url": "/demandes-acces/"}


@administrateur_requis
def demandes_acces(request):
    demandes = DemandeAcces.objects.select_related("traitee_par").order_by("statut", "-derniere_tentative")
    return render(
        request,
        "pacte/demandes_acces.html",
        {"demandes": demandes, "titre": "Demandes d'accès", "fil_ariane": [{"label": FIL["label"]}]},
    )


@administrateur_requis
def demande_acces(request, pk):
    demande = get_object_or_404(DemandeAcces.objects.en_attente(), pk=pk)
    form = ApprobationDemandeForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "refuser":
                refuser_demande(demande, par=request.user)
                messages.success(request, f"La demande de {demande} est refusée.")
                return redirect("demandes_acces")
            if form.is_valid():
                data = form.cleaned_data
                approuver_demande(demande, role=data["role"], mdds=data["mdds"], par=request.user)
                messages.success(request, f"Le compte de {demande} est créé ; il peut se connecter avec ProConnect.")
                return redirect("demandes_acces")
        except ValidationError as erreur:
            form.add_error(None, erreur)
    contexte = {"demande": demande, "form": form, "titre": f"Demande d'accès de {demande}"}
    return render(request, "pacte/demande_acces.html", {**contexte, "fil_ariane": [FIL, {"label": str(demande)}]})
