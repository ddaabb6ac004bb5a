from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from evaluation import services, tasks
from evaluation.bilans import etats_pouvant_aller_vers
from evaluation.forms import ApprobationForm, ComparaisonForm, NarratifForm, NouveauBilanForm, SoumissionForm
from evaluation.models import BilanAnnuel, EtatBilan, NarratifThematique
from evaluation.pdf import lignes_indicateurs
from evaluation.permissions import evaluation_requise
from pacte.access import administrateur_requis
from pacte.models import Role, TacheDeFond
from pacte.taches import creer_tache, lancer

FIL_BILANS = {"label": "Bilans annuels"}


def _fil(*etapes):
    return [
        {"label": "Tableau de bord", "url": reverse("evaluation:tableau_de_bord")},
        {"label": "Bilans annuels", "url": reverse("evaluation:bilans")},
        *etapes,
    ]


def _erreurs_dans(form, erreur: ValidationError):
    if hasattr(erreur, "error_dict"):
        for champ, liste in erreur.message_dict.items():
            form.add_error(champ if champ in form.fields else None, liste)
    else:
        form.add_error(None, erreur.messages)


@evaluation_requise
def liste(request):
    bilans = BilanAnnuel.objects.annotate(nb_narratifs=Count("narratifs")).select_related("precedent")
    form = NouveauBilanForm(request.POST or None)
    if request.method == "POST":
        if not request.user.est_administrateur:
            raise Http404
        if form.is_valid():
            try:
                bilan = services.creer_bilan(form.cleaned_data["annee"], request.user)
            except ValidationError as erreur:
                _erreurs_dans(form, erreur)
            else:
                messages.success(request, f"Le bilan {bilan.annee} est créé en brouillon.")
                return redirect("evaluation:bilan", pk=bilan.pk)
    return render(
        request,
        "evaluation/bilans.html",
        {
            "bilans": bilans,
            "form": form,
            "titre": "Bilans annuels",
            "fil_ariane": [{"label": "Tableau de bord", "url": reverse("evaluation:tableau_de_bord")}, FIL_BILANS],
        },
    )


def _transitions(bilan) -> list[dict]:
    return [
        {
            "date": t.date,
            "avant": t.get_etat_avant_display() or "—",
            "apres": t.get_etat_apres_display(),
            "role": Role(t.par.role).label if t.par.role else "Administrateur",
        }
        for t in bilan.transitions.select_related("par")
    ]


@evaluation_requise
def detail(request, pk):
    bilan = get_object_or_404(BilanAnnuel.objects.select_related("precedent"), pk=pk)
    return render(request, "evaluation/bilan.html", _contexte_du_bilan(request, bilan, SoumissionForm()))


def _contexte_du_bilan(request, bilan, form_soumission) -> dict:
    chiffres = services.chiffres_du_bilan(bilan)
    narratifs = {n.thematique_id: n for n in bilan.narratifs.all()}
    ventilation = chiffres.get("ventilations", {}).get("thematique", [])
    thematiques = [
        {
            "thematique": t,
            "narratif": narratifs.get(t.pk),
            "modifiable": services.peut_ecrire_narratif(request.user, bilan, t),
            "chiffres": services.chiffres_de_la_thematique(bilan, t, ventilation),
        }
        for t in services.thematiques_de(bilan.annee).prefetch_related()
    ]
    if request.user.est_referent_thematique:
        mes_thematiques = set(request.user.thematiques.values_list("pk", flat=True))
        for ligne in thematiques:
            ligne["modifiable"] = ligne["modifiable"] and ligne["thematique"].pk in mes_thematiques
    return {
        "bilan": bilan,
        "groupes": lignes_indicateurs(chiffres["indicateurs"]),
        "thematiques": thematiques,
        "manquantes": [ligne["thematique"] for ligne in thematiques if ligne["narratif"] is None],
        "transitions": _transitions(bilan),
        "ecarts": services.ecarts_avec_le_calcul_du_jour(bilan) if request.user.est_administrateur else None,
        "versions": BilanAnnuel.objects.filter(annee=bilan.annee).exclude(pk=bilan.pk),
        "form_soumission": form_soumission,
        "titre": str(bilan),
        "fil_ariane": _fil({"label": f"{bilan.annee} — version {bilan.version}"}),
    }


@evaluation_requise
def narratif(request, pk, thematique_id):
    bilan = get_object_or_404(BilanAnnuel, pk=pk)
    thematique = get_object_or_404(services.thematiques_de(bilan.annee), pk=thematique_id)
    if not services.peut_ecrire_narratif(request.user, bilan, thematique):
        raise Http404
    existant = NarratifThematique.objects.filter(bilan=bilan, thematique=thematique).first()
    initial = {"avancees": existant.avancees, "difficultes": existant.difficultes} if existant else None
    form = NarratifForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ecrire_narratif(
                bilan, thematique, form.cleaned_data["avancees"], form.cleaned_data["difficultes"], request.user
            )
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            messages.success(request, f"Le bilan de la thématique « {thematique.intitule} » est enregistré.")
            return redirect("evaluation:bilan", pk=bilan.pk)
    return render(
        request,
        "evaluation/narratif.html",
        {
            "bilan": bilan,
            "thematique": thematique,
            "chiffres": services.chiffres_de_la_thematique(bilan, thematique),
            "form": form,
            "titre": f"Bilan {bilan.annee} — thématique {thematique.numero}",
            "fil_ariane": _fil(
                {"label": f"{bilan.annee} — version {bilan.version}", "url": reverse("evaluation:bilan", args=[pk])},
                {"label": f"Thématique {thematique.numero}"},
            ),
        },
    )


def _action_administrateur(request, pk, action, succes):
    if not request.user.est_administrateur:
        raise Http404
    bilan = get_object_or_404(BilanAnnuel, pk=pk)
    try:
        resultat = action(bilan, request.user)
    except ValidationError as erreur:
        for message in erreur.messages:
            messages.error(request, message)
        return redirect("evaluation:bilan", pk=bilan.pk)
    messages.success(request, succes)
    return redirect("evaluation:bilan", pk=resultat.pk)


@administrateur_requis
@require_POST
def soumettre(request, pk):
    bilan = get_object_or_404(BilanAnnuel.objects.select_related("precedent"), pk=pk)
    if bilan.etat not in etats_pouvant_aller_vers(EtatBilan.SOUMIS):
        messages.error(request, f"Un bilan à l'état « {bilan.get_etat_display().lower()} » ne peut pas être soumis.")
        return redirect("evaluation:bilan", pk=bilan.pk)
    form = SoumissionForm(request.POST)
    if form.is_valid():
        try:
            services.soumettre(bilan, request.user, form.cleaned_data["date_soumission"])
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            messages.success(request, "Le bilan est soumis à l'assemblée départementale.")
            return redirect("evaluation:bilan", pk=bilan.pk)
    # The refused date is shown next to its field on the bilan's page; nothing was written.
    return render(request, "evaluation/bilan.html", _contexte_du_bilan(request, bilan, form))


@administrateur_requis
@require_POST
def renvoyer(request, pk):
    return _action_administrateur(request, pk, services.renvoyer_en_brouillon, "Le bilan est revenu en brouillon.")


@administrateur_requis
@require_POST
def nouvelle_version(request, pk):
    return _action_administrateur(
        request, pk, services.nouvelle_version, "Une nouvelle version est ouverte en brouillon."
    )


@evaluation_requise
def approuver(request, pk):
    if not request.user.est_administrateur:
        raise Http404
    # The form exists only while the transition does: an approved or draft bilan answers 404.
    bilan = get_object_or_404(BilanAnnuel.objects.filter(etat__in=etats_pouvant_aller_vers(EtatBilan.APPROUVE)), pk=pk)
    form = ApprobationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        date, numero = form.cleaned_data["date_deliberation"], form.cleaned_data["numero_deliberation"]
        try:
            services.verifier_approbation(bilan, request.user, date, numero)
        except ValidationError as erreur:
            _erreurs_dans(form, erreur)
        else:
            # PDF rendering runs as a task: immediate in dev/tests, a worker in production.
            tache = creer_tache(nature="approbation_bilan", libelle=f"Approbation du {bilan}", utilisateur=request.user)
            lancer(tache, tasks.approuver_bilan, bilan.pk, request.user.pk, date.isoformat(), numero)
            if tache.etat == TacheDeFond.Etat.ECHOUEE:
                form.add_error(None, "L'approbation n'a pas pu être enregistrée. Réessayez ou contactez l'assistance.")
            elif tache.etat == TacheDeFond.Etat.TERMINEE:
                messages.success(request, "Le bilan est approuvé : ses chiffres, ses textes et son PDF sont figés.")
                return redirect("evaluation:bilan", pk=bilan.pk)
            else:
                return redirect("tache", pk=tache.pk)
    return render(
        request,
        "evaluation/approuver.html",
        {
            "bilan": bilan,
            "form": form,
            "manquantes": list(services.thematiques_sans_narratif(bilan)),
            "titre": f"Approuver le bilan {bilan.annee}",
            "fil_ariane": _fil(
                {"label": f"{bilan.annee} — version {bilan.version}", "url": reverse("evaluation:bilan", args=[pk])},
                {"label": "Approbation"},
            ),
        },
    )


@evaluation_requise
def pdf(request, pk):
    bilan = get_object_or_404(BilanAnnuel.objects.filter(etat=EtatBilan.APPROUVE), pk=pk)
    reponse = HttpResponse(bytes(bilan.pdf), content_type="application/pdf")
    reponse["Content-Disposition"] = f'attachment; filename="bilan-annuel-{bilan.annee}-v{bilan.version}.pdf"'
    reponse["X-Empreinte-SHA256"] = bilan.pdf_sha256
    return reponse


@evaluation_requise
def comparer(request):
    bilans = BilanAnnuel.objects.order_by("-annee", "-version")
    form = ComparaisonForm(request.GET or None, bilans=bilans)
    lignes = None
    if request.GET and form.is_valid():
        lignes = services.comparer(form.cleaned_data["a"], form.cleaned_data["b"])
    return render(
        request,
        "evaluation/comparer.html",
        {
            "form": form,
            "lignes": lignes,
            "a": form.cleaned_data.get("a") if lignes is not None else None,
            "b": form.cleaned_data.get("b") if lignes is not None else None,
            "titre": "Comparer deux versions de bilan",
            "fil_ariane": _fil({"label": "Comparaison"}),
        },
    )
