"""The decision page of a delegate, and the file of movements for the CAF/MSA."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from droits import export_organisme
from droits.decisions import decider as prendre_decision
from droits.decisions import dossier_avec_avis
from droits.forms import DecisionForm, ExportForm
from droits.models import Decision, ExportOrganisme, Manquement
from droits.permissions import decision_requise
from droits.views.outils import journaliser_manquement, reporter
from pacte.models.journal import journaliser_liste
from parcours.calendrier import aujourdhui

FIL = {"label": "Droits et devoirs", "url": "/droits/"}


def _initial(manquement):
    dossier = dossier_avec_avis(manquement)
    initial = {"date_decision": aujourdhui(), "date_debut": aujourdhui()}
    if dossier is not None:
        nature = dossier.avis if dossier.avis in ("sans_sanction", "suspension", "reorientation") else None
        initial.update(nature=nature, taux=dossier.taux_propose, duree_mois=dossier.duree_proposee_mois)
    return initial, dossier


@decision_requise
def decider(request, pk):
    manquement = get_object_or_404(
        Manquement.objects.visible_par(request.user).select_related("parcours__beneficiaire", "bareme"), pk=pk
    )
    initial, dossier = _initial(manquement)
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            prendre_decision(manquement, par=request.user, **form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            journaliser_manquement(request, manquement, nature="modification", libelle="Décision")
            messages.success(request, "La décision est enregistrée : imprimez le courrier de décision.")
            return redirect("droits:manquement", pk=manquement.pk)
    journaliser_manquement(request, manquement)
    titre = f"Décider : {manquement.parcours.beneficiaire}"
    return render(
        request,
        "droits/decider.html",
        {
            "form": form,
            "manquement": manquement,
            "dossier": dossier,
            "bareme": manquement.bareme,
            "titre": titre,
            "fil_ariane": [FIL, {"label": str(manquement), "url": f"/droits/{manquement.pk}/"}, {"label": "Décision"}],
        },
    )


def _fichier(lignes, nom) -> HttpResponse:
    reponse = HttpResponse(export_organisme.en_csv(lignes), content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    return reponse


def _journaliser_lignes(request, lignes):
    journaliser_liste(
        request.user,
        page=request.path,
        objet="decision",
        nature="export",
        lignes=[(m.decision_id, m.decision.manquement.parcours.beneficiaire_id) for m in lignes],
    )


@decision_requise
def export(request):
    decisions = Decision.objects.visible_par(request.user)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fait, lignes = export_organisme.exporter(decisions, organisme=form.cleaned_data["organisme"], par=request.user)
        if fait is None:
            messages.info(request, "Aucun mouvement à envoyer à cet organisme.")
            return redirect("droits:export")
        _journaliser_lignes(request, lignes)
        return _fichier(lignes, f"decisions-{fait.organisme}-{fait.pk}.csv")
    en_attente = {o: export_organisme.a_envoyer(decisions, o).count() for o in ("caf", "msa")}
    envois = ExportOrganisme.objects.filter(mouvements__decision__in=decisions).distinct()[:20]
    return render(
        request,
        "droits/export.html",
        {
            "form": form,
            "en_attente": en_attente,
            "envois": envois,
            "colonnes": export_organisme.ENTETES,
            "titre": "Fichier des décisions pour la CAF et la MSA",
            "fil_ariane": [FIL, {"label": "Fichier CAF / MSA"}],
        },
    )


@decision_requise
def export_fichier(request, pk):
    decisions = Decision.objects.visible_par(request.user)
    envoi = get_object_or_404(ExportOrganisme.objects.filter(mouvements__decision__in=decisions).distinct(), pk=pk)
    lignes = list(export_organisme.mouvements(envoi.mouvements.filter(decision__in=decisions)))
    _journaliser_lignes(request, lignes)
    return _fichier(lignes, f"decisions-{envoi.organisme}-{envoi.pk}.csv")
