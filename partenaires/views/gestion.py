"""Administrators' pages: partners, fundings (co-funders, payments), actions, CSV import of partners."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pacte.access import administrateur_requis
from partenaires import imports
from partenaires.forms import (
    ActionForm,
    CofinancementForm,
    FinancementForm,
    ImportPartenairesForm,
    PartenaireForm,
    VersementForm,
    rattacher_erreurs,
)
from partenaires.models import Action, Financement, Partenaire, Versement
from partenaires.services import enregistrer_versement


def _fil(*suite):
    return [{"label": "Gestion des partenaires", "url": reverse("partenaires:gestion")}, *suite]


@administrateur_requis
def gestion(request):
    partenaires = (
        Partenaire.objects.select_related("commune")
        .order_by("raison_sociale")
        .annotate(nb_actions=Count("actions", distinct=True), nb_financements=Count("financements", distinct=True))
    )
    verse = (
        Versement.objects.filter(financement=OuterRef("pk"))
        .order_by()
        .values("financement")
        .annotate(s=Sum("montant"))
        .values("s")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    financements = Financement.objects.select_related("partenaire").annotate(
        verse=Coalesce(Subquery(verse, output_field=money), Value(0, output_field=money))
    )
    return render(
        request,
        "partenaires/gestion.html",
        {
            "page_partenaires": Paginator(partenaires, 50).get_page(request.GET.get("page")),
            "financements": financements[:100],
            "titre": "Gestion des partenaires",
            "fil_ariane": [{"label": "Gestion des partenaires"}],
        },
    )


def _formulaire(request, form, titre, retour, *, intro=""):
    return render(
        request,
        "partenaires/gestion_form.html",
        {"form": form, "titre": titre, "url_retour": retour, "intro": intro, "fil_ariane": _fil({"label": titre})},
    )


@administrateur_requis
def partenaire_form(request, pk=None):
    instance = get_object_or_404(Partenaire, pk=pk) if pk else None
    form = PartenaireForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        partenaire = form.save()
        messages.success(request, f"Le partenaire « {partenaire} » est enregistré.")
        return redirect("partenaires:gestion")
    titre = f"Modifier « {instance} »" if instance else "Nouveau partenaire"
    return _formulaire(request, form, titre, reverse("partenaires:gestion"))


@administrateur_requis
def financement_form(request, pk=None):
    instance = get_object_or_404(Financement, pk=pk) if pk else None
    form = FinancementForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        financement = form.save()
        messages.success(request, f"Le financement « {financement.reference} » est enregistré.")
        return redirect("partenaires:financement", pk=financement.pk)
    titre = f"Modifier le financement {instance.reference}" if instance else "Nouveau financement"
    return _formulaire(request, form, titre, reverse("partenaires:gestion"))


@administrateur_requis
def financement(request, pk):
    financement = get_object_or_404(Financement.objects.select_related("partenaire"), pk=pk)
    form_cofinancement = CofinancementForm(prefix="cofi")
    form_versement = VersementForm(prefix="versement")
    if request.method == "POST" and "cofi-financeur" in request.POST:
        form_cofinancement = CofinancementForm(request.POST, prefix="cofi")
        if form_cofinancement.is_valid():
            cofinancement = form_cofinancement.save(commit=False)
            cofinancement.financement = financement
            cofinancement.save()
            messages.success(request, "Le cofinancement est enregistré.")
            return redirect("partenaires:financement", pk=financement.pk)
    elif request.method == "POST":
        form_versement = VersementForm(request.POST, prefix="versement")
        if form_versement.is_valid():
            try:
                enregistrer_versement(financement, **form_versement.cleaned_data)
            except ValidationError as erreur:
                rattacher_erreurs(form_versement, erreur)
            else:
                messages.success(request, "Le versement est enregistré.")
                return redirect("partenaires:financement", pk=financement.pk)
    totaux = financement.versements.aggregate(verse=Sum("montant"))
    return render(
        request,
        "partenaires/financement.html",
        {
            "financement": financement,
            "verse": totaux["verse"] or 0,
            "reste": financement.montant_conventionne - (totaux["verse"] or 0),
            "cofinancements": financement.cofinancements.all(),
            "versements": financement.versements.all(),
            "actions": financement.actions.all(),
            "form_cofinancement": form_cofinancement,
            "form_versement": form_versement,
            "titre": f"Financement {financement.reference}",
            "fil_ariane": _fil({"label": f"Financement {financement.reference}"}),
        },
    )


@administrateur_requis
def action_form(request, pk=None):
    instance = get_object_or_404(Action, pk=pk) if pk else None
    form = ActionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, f"L'action « {action} » est enregistrée.")
        return redirect("partenaires:action", pk=action.pk)
    titre = f"Modifier « {instance} »" if instance else "Nouvelle action"
    retour = reverse("partenaires:action", args=[instance.pk]) if instance else reverse("partenaires:gestion")
    return _formulaire(request, form, titre, retour)


@administrateur_requis
def import_partenaires(request):
    form = ImportPartenairesForm(request.POST or None, request.FILES or None)
    rapport = None
    if request.method == "POST" and form.is_valid():
        simulation = form.cleaned_data["mode"] == "simulation"
        rapport = imports.importer(form.cleaned_data["fichier"].read(), simulation=simulation)
        if rapport.crees:
            messages.success(request, f"{rapport.crees} partenaire(s) importé(s).")
            return redirect("partenaires:gestion")
    return render(
        request,
        "partenaires/import_partenaires.html",
        {
            "form": form,
            "rapport": rapport,
            "colonnes": imports.COLONNES,
            "titre": "Importer des partenaires",
            "fil_ariane": _fil({"label": "Importer des partenaires"}),
        },
    )
