"""Upload → preview (dry run) → confirm → background import with progress → summary."""

import csv
import io

from django.contrib import messages
from django.db import transaction
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from pacte.models import ImportFichier
from pacte.models.journal import journaliser
from pacte.tableurs import ligne_csv
from pacte.taches import creer_tache, lancer
from parcours.imports.format import COLONNES, COLONNES_FACULTATIVES, FichierInvalide
from parcours.imports.forms import DepotEntrantsForm
from parcours.imports.lecture import LIBELLES_ENCODAGE, Lecteur, empreinte_et_lignes
from parcours.imports.service import importer_entrants
from parcours.imports.tasks import importer_entrants_tache
from parcours.permissions import import_requis as peut_importer

FIL = {"label": "Import des nouveaux entrants", "url": reverse_lazy("imports:depot")}


def imports_visibles(user):
    return ImportFichier.objects.visible_par(user).defer("contenu")


@peut_importer
def depot(request):
    form = DepotEntrantsForm(request.POST or None, request.FILES or None)
    erreur_fichier = ""
    if request.method == "POST" and form.is_valid():
        fichier = form.cleaned_data["fichier"]
        empreinte, taille, nb_lignes = empreinte_et_lignes(fichier)
        contenu = fichier.read()
        try:
            bilan = importer_entrants(io.BytesIO(contenu), dry_run=True)
        except FichierInvalide as exc:
            erreur_fichier = str(exc)
        else:
            lecteur = Lecteur(io.BytesIO(contenu))
            import_fichier = ImportFichier.objects.create(
                nom_fichier=fichier.name[:200],
                empreinte=empreinte,
                taille=taille,
                nb_lignes=nb_lignes,
                contenu=contenu,
                encodage=lecteur.libelle_encodage,
                separateur=lecteur.separateur,
                utilisateur=request.user,
                apercu={
                    **bilan.compteurs,
                    "refus": [
                        {
                            "ligne": r.numero_ligne,
                            "colonnes": r.colonnes,
                            "motif": r.motif,
                            "numero": r.numero_allocataire,
                        }
                        for r in bilan.refus
                    ],
                },
            )
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
@require_POST
def confirmer(request, pk):
    with transaction.atomic():
        import_fichier = get_object_or_404(imports_visibles(request.user).select_for_update(), pk=pk)
        if import_fichier.etat not in (ImportFichier.Etat.APERCU, ImportFichier.Etat.ECHOUE):
            messages.info(request, "Cet import est déjà lancé.")
            return redirect("imports:suivi", pk=pk)
        tache = creer_tache(
            nature="import_entrants", libelle=f"Import de « {import_fichier.nom_fichier} »", utilisateur=request.user
        )
        ImportFichier.objects.filter(pk=pk).update(etat=ImportFichier.Etat.EN_COURS, tache=tache)
    journaliser(
        request.user,
        page=request.path,
        objet="import des entrants",
        objet_id=pk,
        nature="modification",
        libelle=import_fichier.nom_fichier,
    )
    lancer(tache, importer_entrants_tache, pk)
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
            "compteurs": {
                nom: (import_fichier.compteurs or {}).get(nom, 0)
                for nom in ("crees", "mis_a_jour", "inchanges", "refuses", "parcours_ouverts")
            },
            "titre": f"Résultat de l'import « {import_fichier.nom_fichier} »",
            "fil_ariane": [FIL, {"label": "Résultat"}],
        },
    )


class _Tampon:
    def write(self, valeur):
        return valeur


@peut_importer
def refus_csv(request, pk):
    """The refused lines, as they were, plus LIGNE_ORIGINE and MOTIF_REFUS: fix them and upload again."""
    import_fichier = get_object_or_404(imports_visibles(request.user).defer(None), pk=pk)
    journaliser(
        request.user,
        page=request.path,
        objet="lignes refusées d'un import",
        objet_id=pk,
        nature="export",
        libelle=import_fichier.nom_fichier,
    )
    contenu = bytes(import_fichier.contenu or b"")

    def lignes():
        ecrivain = csv.writer(_Tampon(), delimiter=";")
        lecteur = Lecteur(io.BytesIO(contenu))
        yield "\ufeff" + ecrivain.writerow(ligne_csv([*lecteur.en_tete, "LIGNE_ORIGINE", "MOTIF_REFUS"]))
        refus = []
        importer_entrants(io.BytesIO(contenu), dry_run=True, sur_refus=refus.append, garder_refus=0)
        for ligne in refus:
            yield ecrivain.writerow(ligne_csv([*ligne.valeurs, ligne.numero_ligne, ligne.motif]))

    nom = import_fichier.nom_fichier.rsplit(".", 1)[0]
    response = StreamingHttpResponse(lignes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{nom}-lignes-refusees.csv"'
    return response


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
