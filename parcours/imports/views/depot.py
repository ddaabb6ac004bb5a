"""Upload and preview of a file; the page describing the CSV format."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from pacte.models import ImportFichier
from pacte.models.journal import journaliser
from parcours.imports.apercu import preparer_apercu
from parcours.imports.format import COLONNES, COLONNES_FACULTATIVES, FichierInvalide
from parcours.imports.forms import DepotEntrantsForm
from parcours.imports.lecture import LIBELLES_ENCODAGE
from parcours.permissions import import_requis as peut_importer

FIL = {"label": "Import des nouveaux entrants", "url": reverse_lazy("imports:depot")}


def imports_visibles(user):
    return ImportFichier.objects.visible_par(user).defer("contenu")


@peut_importer
def depot(request):
    form = DepotEntrantsForm(request.POST or None, request.FILES or None)
    erreur_fichier = ""
    if request.method == "POST" and form.is_valid():
        try:
            import_fichier = preparer_apercu(form.cleaned_data["fichier"], par=request.user)
        except FichierInvalide as exc:
            erreur_fichier = str(exc)
        else:
            return redirect("imports:apercu", pk=import_fichier.pk)
    derniers = list(imports_visibles(request.user).select_related("tache")[:10])
    return render(
        request,
        "imports/depot.html",
        {
            "form": form,
            "erreur_fichier": erreur_fichier,
            "derniers": derniers,
            "titre": "Import des nouveaux entrants",
            "fil_ariane": [{"label": "Import des nouveaux entrants"}],
        },
    )


@peut_importer
def apercu(request, pk):
    import_fichier = get_object_or_404(imports_visibles(request.user), pk=pk)
    apercu = import_fichier.apercu or {}
    refus = apercu.get("refus", [])
    journaliser(
        request.user, page=request.path, objet="aperçu d'un import", objet_id=pk, libelle=import_fichier.nom_fichier
    )
    return render(
        request,
        "imports/apercu.html",
        {
            "import_fichier": import_fichier,
            "apercu": apercu,
            "refus": refus,
            "refus_non_affiches": max(apercu.get("refuses", 0) - len(refus), 0),
            "titre": f"Aperçu de l'import « {import_fichier.nom_fichier} »",
            "fil_ariane": [FIL, {"label": "Aperçu"}],
        },
    )


@peut_importer
def format_fichier(request):
    colonnes = [
        {"noms": " ou ".join(alias), "description": description, "obligatoire": True}
        for alias, description in COLONNES.values()
    ] + [
        {"noms": " ou ".join(alias), "description": description, "obligatoire": False}
        for alias, description in COLONNES_FACULTATIVES.values()
    ]
    return render(
        request,
        "imports/format.html",
        {
            "colonnes": colonnes,
            "encodages": sorted(set(LIBELLES_ENCODAGE.values())),
            "titre": "Format du fichier des nouveaux entrants",
            "fil_ariane": [FIL, {"label": "Format du fichier"}],
        },
    )
