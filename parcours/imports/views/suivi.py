"""Confirm (or resume) an import, follow it, read its result."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pacte.models import ImportFichier
from pacte.models.journal import journaliser
from pacte.taches import creer_tache, lancer
from parcours.imports import etats
from parcours.imports.tasks import importer_entrants_tache
from parcours.imports.views.depot import FIL, imports_visibles
from parcours.permissions import import_requis as peut_importer


@peut_importer
@require_POST
def confirmer(request, pk):
    """Start the import from its preview, or resume one interrompu or without a sign of life."""
    import_fichier = get_object_or_404(imports_visibles(request.user), pk=pk)
    try:
        with transaction.atomic():
            jeton = etats.demarrer(import_fichier, par=request.user)
            tache = creer_tache(
                nature="import_entrants",
                libelle=f"Import de « {import_fichier.nom_fichier} »",
                utilisateur=request.user,
            )
            ImportFichier.objects.filter(pk=pk).update(tache=tache)
    except etats.TransitionRefusee as exc:
        messages.error(request, str(exc))
        return redirect("imports:suivi", pk=pk)
    journaliser(
        request.user,
        page=request.path,
        objet="import des entrants",
        objet_id=pk,
        nature="modification",
        libelle=import_fichier.nom_fichier,
    )
    # Enqueued once the lease is committed: the worker must find the import en cours with this jeton.
    lancer(tache, importer_entrants_tache, pk, jeton)
    return redirect("imports:suivi", pk=pk)


@peut_importer
def suivi(request, pk):
    import_fichier = get_object_or_404(imports_visibles(request.user).select_related("tache"), pk=pk)
    if import_fichier.etat == ImportFichier.Etat.TERMINE:
        return redirect("imports:resume", pk=pk)
    return render(
        request,
        "imports/suivi.html",
        {
            "import_fichier": import_fichier,
            "tache": import_fichier.tache,
            "sans_signe_de_vie": etats.est_sans_signe_de_vie(import_fichier),
            "reprenable": import_fichier.etat == ImportFichier.Etat.ECHOUE
            or etats.est_sans_signe_de_vie(import_fichier),
            "titre": f"Import de « {import_fichier.nom_fichier} » en cours",
            "fil_ariane": [FIL, {"label": "Suivi de l'import"}],
        },
    )


@peut_importer
def resume(request, pk):
    import_fichier = get_object_or_404(imports_visibles(request.user), pk=pk)
    return render(
        request,
        "imports/resume.html",
        {
            "import_fichier": import_fichier,
            "compteurs": {nom: (import_fichier.compteurs or {}).get(nom, 0) for nom in COMPTEURS},
            "titre": f"Résultat de l'import « {import_fichier.nom_fichier} »",
            "fil_ariane": [FIL, {"label": "Résultat"}],
        },
    )


COMPTEURS = ("crees", "mis_a_jour", "inchanges", "refuses", "ignores", "parcours_ouverts", "droits_changes")
