"""The requests of réorientation waiting for a decision, and the decision page (chargé d'orientation, responsable
de MDD)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pacte.models.journal import journaliser, journaliser_liste
from parcours import reorientations
from parcours.forms.reorientation import DecisionReorientationForm
from parcours.models import DemandeReorientation
from parcours.permissions import decision_reorientation_requise
from parcours.views.fiche import _reporter

FIL = {"label": "Demandes de réorientation"}


def demandes_visibles(user):
    return DemandeReorientation.objects.a_decider_par(user).select_related(
        "parcours__beneficiaire", "parcours__mdd", "parcours__orientation_courante", "demandee_par"
    )


@decision_reorientation_requise
def a_decider(request):
    demandes = list(demandes_visibles(request.user).en_attente().order_by("date_demande", "pk")[:200])
    journaliser_liste(
        request.user,
        page=request.get_full_path(),
        objet="demande de réorientation",
        lignes=((d.pk, d.parcours.beneficiaire_id) for d in demandes),
        libelle="Demandes de réorientation à décider",
    )
    return render(
        request,
        "parcours/reorientations.html",
        {"demandes": demandes, "titre": "Demandes de réorientation à décider", "fil_ariane": [FIL]},
    )


@decision_reorientation_requise
def decider(request, pk):
    demande = get_object_or_404(demandes_visibles(request.user).en_attente(), pk=pk)
    form = DecisionReorientationForm(request.POST or None, demande=demande)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            reorientations.decider(
                demande,
                par=request.user,
                accepter=d["decision"] == "accepter",
                motif_decision=d["motif_decision"],
                date=d["date"],
                type=d["type"],
                organisme_referent=d["organisme_referent"],
            )
        except ValidationError as erreur:
            _reporter(form, erreur)
        else:
            messages.success(request, f"Décision enregistrée : {demande.demandee_par} en est averti.")
            return redirect("parcours:reorientations")
    journaliser(
        request.user,
        page=request.path,
        objet="demande de réorientation",
        objet_id=demande.pk,
        beneficiaire_id=demande.parcours.beneficiaire_id,
    )
    titre = f"Demande de réorientation de {demande.parcours.beneficiaire}"
    contexte = {"demande": demande, "form": form, "titre": titre}
    contexte["fil_ariane"] = [{**FIL, "url": reverse("parcours:reorientations")}, {"label": titre}]
    return render(request, "parcours/decider_reorientation.html", contexte)
