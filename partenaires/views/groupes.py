"""Working groups (one per thematic), run by the référent thématique of that thematic."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from pacte.models import Thematique
from partenaires.forms import MembreForm, ReunionForm
from partenaires.models import Ajustement, DecisionReunion, GroupeTravail, ReunionGroupe
from partenaires.permissions import groupes_requis


def thematiques_gerees(user):
    return Thematique.objects.all() if user.est_administrateur else user.thematiques.all()


def groupes_geres_par(user):
    return GroupeTravail.objects.filter(thematique__in=thematiques_gerees(user)).select_related("thematique")


@groupes_requis
def groupes(request):
    # A thematic without its group yet gets one: the référent runs it from here.
    manquantes = thematiques_gerees(request.user).filter(groupe_travail__isnull=True)
    GroupeTravail.objects.bulk_create(
        [GroupeTravail(thematique=t, nom=f"Groupe de travail « {t.intitule} »"[:200]) for t in manquantes]
    )
    liste = groupes_geres_par(request.user).annotate(
        nb_membres=Count("membres", distinct=True), nb_reunions=Count("reunions", distinct=True)
    )
    return render(
        request,
        "partenaires/groupes.html",
        {"groupes": liste, "titre": "Groupes de travail", "fil_ariane": [{"label": "Groupes de travail"}]},
    )


def _fil(groupe, *suite):
    return [
        {"label": "Groupes de travail", "url": reverse("partenaires:groupes")},
        {"label": str(groupe), "url": reverse("partenaires:groupe", args=[groupe.pk])}
        if suite
        else {"label": str(groupe)},
        *suite,
    ]


@groupes_requis
def groupe(request, pk):
    groupe = get_object_or_404(groupes_geres_par(request.user), pk=pk)
    form = MembreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membre = form.save(commit=False)
        membre.groupe = groupe
        membre.save()
        messages.success(request, f"{membre.nom} est membre du groupe.")
        return redirect("partenaires:groupe", pk=groupe.pk)
    return render(
        request,
        "partenaires/groupe.html",
        {
            "groupe": groupe,
            "membres": groupe.membres.select_related("partenaire", "utilisateur"),
            "reunions": groupe.reunions.annotate(nb_decisions=Count("decisions")).order_by("-date"),
            "form": form,
            "titre": str(groupe),
            "fil_ariane": _fil(groupe),
        },
    )


@groupes_requis
def nouvelle_reunion(request, pk):
    groupe = get_object_or_404(groupes_geres_par(request.user), pk=pk)
    form = ReunionForm(request.POST or None, groupe=groupe)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            reunion = form.save(commit=False)
            reunion.groupe = groupe
            reunion.save()
            form.save_m2m()
            lignes = [ligne.strip() for ligne in form.cleaned_data["decisions"].splitlines() if ligne.strip()]
            DecisionReunion.objects.bulk_create([DecisionReunion(reunion=reunion, texte=ligne) for ligne in lignes])
        messages.success(request, f"La réunion du {reunion.date:%d/%m/%Y} est enregistrée.")
        return redirect("partenaires:reunion", pk=reunion.pk)
    return render(
        request,
        "partenaires/reunion_form.html",
        {
            "groupe": groupe,
            "form": form,
            "titre": "Nouvelle réunion",
            "fil_ariane": _fil(groupe, {"label": "Nouvelle réunion"}),
        },
    )


@groupes_requis
def reunion(request, pk):
    reunion = get_object_or_404(
        ReunionGroupe.objects.filter(groupe__in=groupes_geres_par(request.user)).select_related("groupe__thematique"),
        pk=pk,
    )
    decisions = reunion.decisions.prefetch_related(
        Prefetch("ajustements", Ajustement.objects.select_related("action").order_by("date"))
    )
    return render(
        request,
        "partenaires/reunion.html",
        {
            "reunion": reunion,
            "participants": reunion.participants.all(),
            "decisions": decisions,
            "titre": f"Réunion du {reunion.date:%d/%m/%Y}",
            "fil_ariane": _fil(reunion.groupe, {"label": f"Réunion du {reunion.date:%d/%m/%Y}"}),
        },
    )
