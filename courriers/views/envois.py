"""The agents' pages to reach a person: invite, convene, the letters of a parcours, and bulk invitations."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from courriers import convocations, invitations, lettres, tasks
from courriers.choices import NatureCourrier
from courriers.forms import CanauxForm, ConvocationForm
from courriers.models import Creneau, Invitation, Message
from courriers.permissions import invitation_requise
from courriers.views.commun import departement_nom, imprimer, parcours_visible
from pacte.models.journal import journaliser, journaliser_parcours
from pacte.taches import creer_tache, lancer
from parcours.models import Parcours

UN_AN = datetime.timedelta(days=365)
IMPRIMABLES = {NatureCourrier.CONTRAT_ENGAGEMENT, NatureCourrier.NOTIFICATION_ORIENTATION}


def _fil(parcours, libelle):
    return [
        {"label": "File active", "url": reverse("parcours:file_active")},
        {"label": f"Parcours de {parcours.beneficiaire}", "url": reverse("parcours:fiche", args=[parcours.pk])},
        {"label": libelle},
    ]


def _bilan_en_messages(request, bilan):
    if bilan.invitees:
        messages.success(request, f"Invitation envoyée ({bilan.messages} message(s)).")
    for motif in bilan.motifs:
        messages.warning(request, motif)


@invitation_requise
def inviter(request, pk):
    parcours = parcours_visible(request.user, pk)
    form = CanauxForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bilan = invitations.inviter([parcours.pk], canaux=form.cleaned_data["canaux"], par=request.user)
        except ValidationError as erreur:
            form.add_error(None, erreur)
        else:
            _bilan_en_messages(request, bilan)
            if bilan.invitees:
                tasks.demander_envoi()
                return redirect("parcours:fiche", pk=parcours.pk)
            form.add_error(None, "Aucun envoi possible : choisissez un autre moyen ou complétez les coordonnées.")
    journaliser_parcours(request, parcours, libelle="Invitation")
    contexte = {
        "parcours": parcours,
        "form": form,
        "titre": f"Inviter {parcours.beneficiaire}",
        "fil_ariane": _fil(parcours, "Inviter"),
    }
    return render(request, "courriers/inviter.html", contexte, status=400 if form.errors else 200)


@invitation_requise
def convoquer(request, pk):
    parcours = parcours_visible(request.user, pk)
    creneaux = Creneau.objects.visible_par(request.user).ouverts_pour(parcours.mdd, jusqu_au=timezone.now() + UN_AN)
    form = ConvocationForm(request.POST or None, creneaux=creneaux, initial={"canaux": ["courrier"]})
    if request.method == "POST" and form.is_valid():
        expiree = Invitation.objects.filter(parcours=parcours, etat="expiree").first()
        try:
            _, motifs = convocations.convoquer(
                parcours,
                form.cleaned_data["creneau"].pk,
                canaux=form.cleaned_data["canaux"],
                par=request.user,
                invitation=expiree,
            )
        except ValidationError as erreur:
            form.add_error(None, erreur)
        else:
            messages.success(request, "Convocation enregistrée : le courrier est prêt à imprimer.")
            for motif in motifs:
                messages.warning(request, motif)
            tasks.demander_envoi()
            return redirect("courriers:courriers_parcours", pk=parcours.pk)
    journaliser_parcours(request, parcours, libelle="Convocation")
    contexte = {
        "parcours": parcours,
        "form": form,
        "titre": f"Convoquer {parcours.beneficiaire}",
        "fil_ariane": _fil(parcours, "Convoquer"),
    }
    return render(request, "courriers/convoquer.html", contexte, status=400 if form.errors else 200)


@invitation_requise
def courriers_parcours(request, pk):
    parcours = parcours_visible(request.user, pk)
    envoyes = Message.objects.filter(parcours=parcours).select_related("version", "created_by")
    journaliser_parcours(request, parcours, libelle="Messages et courriers")
    contexte = {
        "parcours": parcours,
        "envoyes": envoyes,
        "imprimables": sorted(IMPRIMABLES),
        "invitations": Invitation.objects.filter(parcours=parcours),
        "titre": f"Messages et courriers de {parcours.beneficiaire}",
        "fil_ariane": _fil(parcours, "Messages et courriers"),
    }
    return render(request, "courriers/courriers_parcours.html", contexte)


@invitation_requise
def lettre_parcours(request, pk, nature):
    """The contract to sign or the notification of orientation, made now from the current template (and kept)."""
    parcours = parcours_visible(request.user, pk)
    if nature not in IMPRIMABLES or request.method != "POST":
        return redirect("courriers:courriers_parcours", pk=parcours.pk)
    message = imprimer(parcours, nature, request.user)
    return redirect("courriers:lettre_message", pk=message.pk)


@invitation_requise
def lettre_message(request, pk):
    message = get_object_or_404(
        Message.objects.visible_par(request.user)
        .filter(canal="courrier")
        .select_related("parcours__beneficiaire__commune", "parcours__mdd", "version"),
        pk=pk,
    )
    journaliser(
        request.user,
        page=request.path,
        objet="message",
        objet_id=message.pk,
        nature="export",
        beneficiaire_id=message.parcours.beneficiaire_id,
        libelle=f"Courrier : {message.get_nature_display()}",
    )
    contenu = lettres.pdf([lettres.lettre_de_message(message, departement_nom())])
    reponse = HttpResponse(contenu, content_type="application/pdf")
    reponse["Content-Disposition"] = f'inline; filename="courrier-{message.pk}.pdf"'
    return reponse


@invitation_requise
def inviter_en_nombre(request):
    source = request.GET.get("source", "a_orienter")
    visibles = Parcours.objects.visible_par(request.user).filter(date_sortie__isnull=True)
    liste = visibles.a_orienter() if source == "a_orienter" else visibles
    form = CanauxForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = list(visibles.filter(pk__in=request.POST.getlist("parcours")).values_list("pk", flat=True))
        if not ids:
            form.add_error(None, "Cochez au moins une personne à inviter.")
        else:
            tache = creer_tache(
                nature="invitations", libelle=f"Invitation de {len(ids)} personne(s)", utilisateur=request.user
            )
            lancer(tache, tasks.inviter_en_masse_tache, ids, form.cleaned_data["canaux"], request.user.pk)
            return redirect("tache", pk=tache.pk)
    expirees = (
        Invitation.objects.visible_par(request.user)
        .filter(etat="expiree")
        .select_related("parcours__beneficiaire")[:200]
    )
    contexte = {
        "liste": liste.select_related("beneficiaire", "mdd").order_by("date_entree", "pk")[:1000],
        "source": source,
        "form": form,
        "expirees": expirees,
        "titre": "Inviter en nombre",
        "fil_ariane": [{"label": "Inviter en nombre"}],
    }
    journaliser(request.user, page=request.get_full_path(), objet="liste à inviter", libelle=source)
    return render(request, "courriers/inviter_en_nombre.html", contexte, status=400 if form.errors else 200)


@invitation_requise
def lettres_en_nombre(request):
    """The letters not yet printed that the user made today, merged into one PDF by a background task."""
    if request.method != "POST":
        return redirect("courriers:inviter_en_nombre")
    ids = list(
        Message.objects.visible_par(request.user)
        .filter(canal="courrier", pk__in=request.POST.getlist("message") or [0])
        .values_list("pk", flat=True)
    )
    if not ids:
        ids = list(
            Message.objects.visible_par(request.user)
            .filter(canal="courrier", created_by=request.user)
            .order_by("-pk")
            .values_list("pk", flat=True)[:5000]
        )
    tache = creer_tache(nature="lettres", libelle=f"{len(ids)} courrier(s) en un PDF", utilisateur=request.user)
    lancer(tache, tasks.lettres_en_masse_tache, ids)
    return redirect("tache", pk=tache.pk)
