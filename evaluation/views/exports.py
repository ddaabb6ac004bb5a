from dataclasses import asdict

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from evaluation import tasks
from evaluation.exports import actions_en, donnees_ouvertes_csv, indicateurs_en
from evaluation.forms import TableauDeBordForm
from evaluation.indicateurs import calculer_indicateurs, fiches
from evaluation.pdf import rendre_pdf
from evaluation.permissions import evaluation_requise
from evaluation.tableau import lignes_comparees
from pacte.models.journal import journaliser
from pacte.taches import creer_tache, lancer

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _periode_ou_erreur(request):
    form = TableauDeBordForm(request.GET or {})
    if not form.is_valid():
        return form, None
    debut, fin = form.periode()
    return form, (debut, fin, form.filtres())


def _fichier(request, contenu: bytes, format_: str, nom: str, debut, fin):
    journaliser(
        request.user,
        page=request.path,
        objet=f"export {nom}",
        nature="export",
        libelle=f"{nom} du {debut:%d/%m/%Y} au {fin:%d/%m/%Y} ({format_})",
    )
    reponse = HttpResponse(contenu, content_type=TYPES[format_])
    reponse["Content-Disposition"] = f'attachment; filename="{nom}-{debut:%Y%m%d}-{fin:%Y%m%d}.{format_}"'
    return reponse


def _refus(request, form):
    return render(
        request,
        "evaluation/export_refuse.html",
        {"form": form, "titre": "Export impossible", "fil_ariane": [{"label": "Export impossible"}]},
        status=400,
    )


@evaluation_requise
def indicateurs(request, format_):
    if format_ not in TYPES:
        raise Http404
    form, periode = _periode_ou_erreur(request)
    if periode is None:
        return _refus(request, form)
    debut, fin, filtres = periode
    if format_ == "pdf":
        groupes = lignes_comparees(calculer_indicateurs(debut, fin, filtres), {})
        contexte = {"groupes": groupes, "debut": debut, "fin": fin, "fiches": fiches()}
        contenu = rendre_pdf("evaluation/pdf/indicateurs.html", contexte)
    else:
        contenu = indicateurs_en(format_, debut, fin, filtres)
    return _fichier(request, contenu, format_, "indicateurs", debut, fin)


@evaluation_requise
def actions(request, format_):
    if format_ not in ("csv", "xlsx"):
        raise Http404
    form, periode = _periode_ou_erreur(request)
    if periode is None:
        return _refus(request, form)
    debut, fin, filtres = periode
    return _fichier(request, actions_en(format_, debut, fin, filtres), format_, "actions", debut, fin)


@evaluation_requise
def donnees_ouvertes(request):
    form, periode = _periode_ou_erreur(request)
    if periode is None:
        return _refus(request, form)
    debut, fin, filtres = periode
    return _fichier(request, donnees_ouvertes_csv(debut, fin, filtres), "csv", "donnees-ouvertes", debut, fin)


@evaluation_requise
@require_POST
def en_tache(request, nature, format_):
    """The same exports, prepared by a background task: the page shows its progress, then the file."""
    if nature not in tasks.EXPORTS or format_ not in tasks.TYPES_FICHIER:
        raise Http404
    form, periode = _periode_ou_erreur(request)
    if periode is None:
        return _refus(request, form)
    debut, fin, filtres = periode
    tache = creer_tache(
        nature=f"export_{nature}",
        libelle=f"Export {nature} du {debut:%d/%m/%Y} au {fin:%d/%m/%Y} ({format_.upper()})",
        utilisateur=request.user,
    )
    lancer(tache, tasks.exporter, nature, format_, debut.isoformat(), fin.isoformat(), asdict(filtres), request.user.pk)
    return redirect("tache", pk=tache.pk)
