"""The chargé d'orientation's queue: new entrants département-wide, oldest first, and the orientation page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from pacte.models.journal import journaliser, journaliser_parcours, journaliser_parcours_affiches
from parcours import personnes
from parcours.filtres_orientation import AOrienterFilter
from parcours.forms import OrientationForm
from parcours.models import Frein, Parcours
from parcours.permissions import orientation_requise
from parcours.regles import ConflitDeVersion
from parcours.views.fiche import _reporter


@orientation_requise
def a_orienter(request):
    file = (
        Parcours.objects.visible_par(request.user)
        .a_orienter()
        .select_related("beneficiaire", "mdd")
        .order_by("date_entree", "pk")
    )
    filtre = AOrienterFilter(request.GET, queryset=file)
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    journaliser_parcours_affiches(request, page.object_list, libelle="Nouveaux entrants à orienter : personne affichée")
    return render(
        request,
        "parcours/a_orienter.html",
        {
            "filtre": filtre,
            "page_obj": page,
            # The list's page and filters, carried by each «Orienter» link: the chargé comes back to them.
            "retour": request.GET.urlencode(),
            "aujourdhui": timezone.localdate(),
            "titre": "Nouveaux entrants à orienter",
            "fil_ariane": [{"label": "Nouveaux entrants à orienter"}],
        },
    )


def url_retour_liste(request) -> str:
    """The queue at the page and filters the user came from: only a query string of the queue itself is kept."""
    retour = request.POST.get("retour") or request.GET.get("retour") or ""
    parametres = QueryDict(retour).urlencode()
    return reverse("parcours:a_orienter") + (f"?{parametres}" if parametres else "")


def _contexte_orienter(request, parcours, formulaire):
    retour = (
        url_retour_liste(request)
        if request.user.est_charge_orientation
        else reverse("parcours:fiche", args=[parcours.pk])
    )
    return {
        "retour": request.POST.get("retour") or request.GET.get("retour") or "",
        "parcours": parcours,
        "beneficiaire": parcours.beneficiaire,
        "foyer": personnes.foyer(parcours.beneficiaire, request.user),
        "freins": Frein.objects.filter(parcours=parcours, date_levee__isnull=True).order_by("date_identification"),
        "form": formulaire,
        "attente": (timezone.localdate() - parcours.date_entree).days,
        "titre": f"Orienter {parcours.beneficiaire}",
        "fil_ariane": [
            {"label": "Nouveaux entrants à orienter", "url": retour},
            {"label": f"Orienter {parcours.beneficiaire}"},
        ],
    }


def _orientation_enregistree(request, parcours):
    journaliser(
        request.user,
        page=request.path,
        objet="orientation",
        objet_id=parcours.pk,
        beneficiaire_id=parcours.beneficiaire_id,
        nature="modification",
        libelle="Orientation enregistrée.",
    )
    messages.success(request, f"Orientation de {parcours.beneficiaire} enregistrée.")
    if request.user.est_agent_mdd:
        return redirect("parcours:fiche", pk=parcours.pk)
    return redirect(url_retour_liste(request))


@orientation_requise
def orienter(request, pk):
    parcours = get_object_or_404(
        Parcours.objects.visible_par(request.user).select_related(
            "beneficiaire__commune", "mdd", "orientation_courante"
        ),
        pk=pk,
    )
    formulaire = OrientationForm(request.POST or None, parcours=parcours)
    if request.method == "POST" and formulaire.is_valid():
        try:
            formulaire.enregistrer(request.user)
        except ConflitDeVersion as conflit:
            parcours.refresh_from_db()
            formulaire.montrer_version(parcours.version)
            formulaire.add_error(None, conflit.messages[0])
        except ValidationError as erreur:
            _reporter(formulaire, erreur)
        else:
            return _orientation_enregistree(request, parcours)
    if request.method == "GET":
        journaliser_parcours(request, parcours)
    return render(request, "parcours/orienter.html", _contexte_orienter(request, parcours, formulaire))
