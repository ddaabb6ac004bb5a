"""Équipes pluridisciplinaires: sessions, a session with its agenda and attendance, a file as the EP sees it,
the minutes. A member from outside the département reaches only the sessions they sit in, and a file shows only
what the EP needs: the facts, the letter's date, the observations; never the notes nor the freins."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from droits import ep, pdf
from droits.forms import AvisForm, InscriptionForm, MembreForm, PresencesForm, SeanceForm
from droits.models import DossierEP, Manquement, SeanceEP
from droits.permissions import peut_organiser_ep, siege_requis
from droits.views.outils import pdf as reponse_pdf
from droits.views.outils import reporter
from pacte.models import Territoire, User
from pacte.models.journal import journaliser, journaliser_liste

FIL = {"label": "Équipes pluridisciplinaires", "url": "/droits/ep/"}


def _territoires(user):
    if user.est_administrateur:
        return Territoire.objects.all()
    return Territoire.objects.filter(mdds__in=user.mdds.all()).distinct()


@siege_requis
def seances(request):
    form = (
        SeanceForm(request.POST or None, territoires=_territoires(request.user))
        if peut_organiser_ep(request.user)
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            seance = ep.creer_seance(par=request.user, **form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            return redirect("droits:seance", pk=seance.pk)
    liste = SeanceEP.objects.visible_par(request.user).select_related("territoire")[:100]
    return render(
        request,
        "droits/seances.html",
        {
            "seances": liste,
            "form": form,
            "titre": "Équipes pluridisciplinaires",
            "fil_ariane": [{"label": "Équipes pluridisciplinaires"}],
        },
    )


def _formulaires(seance, donnees=None, choisi=None):
    a_inscrire = Manquement.objects.filter(etat="informe", parcours__mdd__territoire=seance.territoire).select_related(
        "parcours__beneficiaire"
    )
    fabriques = {
        "membre": lambda d: MembreForm(d, prefix="membre", utilisateurs=User.objects.filter(is_active=True)),
        "inscription": lambda d: InscriptionForm(d, prefix="inscription", manquements=a_inscrire),
        "presences": lambda d: PresencesForm(
            d,
            prefix="presences",
            membres=seance.membres.all(),
            initial={"presents": seance.membres.filter(present=True)},
        ),
    }
    return {nom: f(donnees if nom == choisi else None) for nom, f in fabriques.items()}


ACTIONS = {
    "membre": lambda s, d, u: ep.ajouter_membre(s, **d),
    "inscription": lambda s, d, u: ep.inscrire_dossier(s, d["manquement"], par=u),
    "presences": lambda s, d, u: ep.enregistrer_presences(s, [m.pk for m in d["presents"]]),
    "tenir": lambda s, d, u: ep.tenir_seance(s),
}


@siege_requis
def seance(request, pk):
    seance = get_object_or_404(SeanceEP.objects.visible_par(request.user).select_related("territoire"), pk=pk)
    gere = SeanceEP.objects.gerees_par(request.user).filter(pk=pk).exists()
    choisi = request.POST.get("formulaire") if request.method == "POST" and gere else None
    formulaires = _formulaires(seance, request.POST, choisi) if gere else {}
    if choisi in ACTIONS and (choisi == "tenir" or formulaires[choisi].is_valid()):
        try:
            ACTIONS[choisi](seance, formulaires[choisi].cleaned_data if choisi != "tenir" else {}, request.user)
        except ValidationError as erreur:
            reporter(formulaires.get(choisi) or formulaires["presences"], erreur)
        else:
            messages.success(request, "C'est enregistré.")
            return redirect("droits:seance", pk=seance.pk)
    dossiers = list(seance.dossiers.select_related("manquement__parcours__beneficiaire"))
    journaliser_liste(
        request.user,
        page=request.path,
        objet="dossier_ep",
        lignes=[(d.pk, d.manquement.parcours.beneficiaire_id) for d in dossiers],
    )
    return render(
        request,
        "droits/seance.html",
        {
            "seance": seance,
            "membres": seance.membres.select_related("utilisateur"),
            "dossiers": dossiers,
            "gere": gere,
            "formulaires": formulaires,
            "presents": ep.presents(seance),
            "titre": str(seance),
            "fil_ariane": [FIL, {"label": str(seance)}],
        },
    )


@siege_requis
def dossier(request, pk):
    d = get_object_or_404(
        DossierEP.objects.visible_par(request.user).select_related(
            "seance__territoire", "manquement__parcours__beneficiaire"
        ),
        pk=pk,
    )
    gere = SeanceEP.objects.gerees_par(request.user).filter(pk=d.seance_id).exists() and d.seance.etat == "planifiee"
    form = AvisForm(request.POST or None) if gere else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            ep.rendre_avis(d, **form.cleaned_data)
        except ValidationError as erreur:
            reporter(form, erreur)
        else:
            messages.success(request, "L'avis de l'équipe est enregistré.")
            return redirect("droits:seance", pk=d.seance_id)
    journaliser(
        request.user,
        page=request.path,
        objet="dossier_ep",
        objet_id=d.pk,
        beneficiaire_id=d.manquement.parcours.beneficiaire_id,
    )
    return render(
        request,
        "droits/dossier.html",
        {
            "dossier": d,
            "manquement": d.manquement,
            "observations": d.manquement.observations.all(),
            "form": form,
            "titre": f"Dossier n° {d.ordre} : {d.manquement.parcours.beneficiaire}",
            "fil_ariane": [
                FIL,
                {"label": str(d.seance), "url": f"/droits/ep/{d.seance_id}/"},
                {"label": f"Dossier n° {d.ordre}"},
            ],
        },
    )


@siege_requis
def proces_verbal(request, pk):
    seance = get_object_or_404(SeanceEP.objects.visible_par(request.user).select_related("territoire"), pk=pk)
    if seance.etat != "tenue":
        return redirect("droits:seance", pk=seance.pk)
    journaliser(request.user, page=request.path, objet="seance_ep", objet_id=seance.pk, nature="export")
    return reponse_pdf(pdf.proces_verbal(seance), f"proces-verbal-ep-{seance.pk}.pdf")
