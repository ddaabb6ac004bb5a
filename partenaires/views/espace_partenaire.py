"""The partner's space: the prescriptions addressed to its actions, with the minimum personal data."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from pacte.forms import FiltresForm
from pacte.models.journal import journaliser, journaliser_liste
from parcours import figures_actions as figures
from parcours.choices import EtatPrescription
from parcours.models import Prescription
from parcours.permissions import partenaire_requis
from parcours.prescriptions import ETATS_EN_COURS, LIBELLES_ACTION, changer_etat, transitions_possibles
from partenaires.forms import EtapePrescriptionForm, rattacher_erreurs
from partenaires.models import Action


class PrescriptionsRecuesFilter(django_filters.FilterSet):
    etat = django_filters.ChoiceFilter(
        choices=[("en_cours", "En cours (proposées, acceptées, entrées)"), *EtatPrescription.choices],
        method="filtrer_etat",
        label="État",
        empty_label="Tous les états",
    )
    action = django_filters.ModelChoiceFilter(
        queryset=Action.objects.none(), label="Action", empty_label="Toutes vos actions"
    )

    class Meta:
        form = FiltresForm
        fields = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("etat", "en_cours")
        super().__init__(data, *args, **kwargs)
        actions = Action.objects.gerees_par(user).order_by("intitule")
        self.filters["action"].queryset = actions
        self.form.fields["action"].queryset = actions

    def filtrer_etat(self, queryset, name, value):
        if value == "en_cours":
            return queryset.filter(etat__in=ETATS_EN_COURS)
        return queryset.filter(etat=value)


def _journaliser_liste(user, page, prescriptions):
    """The list shows names and phone numbers: one access entry per person shown."""
    journaliser_liste(
        user,
        page=page,
        objet="prescription",
        lignes=((p.pk, p.parcours.beneficiaire_id) for p in prescriptions),
        libelle="Prescriptions reçues par le partenaire",
    )


@partenaire_requis
def prescriptions_recues(request):
    user = request.user
    qs = (
        Prescription.objects.visible_par(user)
        .select_related("parcours__beneficiaire", "parcours__mdd", "prescripteur", "action")
        .order_by("-date_proposition", "-pk")
    )
    filtre = PrescriptionsRecuesFilter(request.GET, queryset=qs, user=user)
    page = Paginator(filtre.qs, 25).get_page(request.GET.get("page"))
    _journaliser_liste(user, request.path, page.object_list)
    actions = figures.avec_chiffres(
        Action.objects.gerees_par(user).select_related("thematique", "financement", "partenaire"), timezone.localdate()
    ).filter(date_fin__gte=timezone.localdate())
    actions = list(actions.order_by("date_fin")[:50])
    for action in actions:
        action.taux = figures.taux_occupation(action)
    parametres = request.GET.copy()
    parametres.pop("page", None)
    return render(
        request,
        "partenaires/prescriptions_recues.html",
        {
            "filtre": filtre,
            "page_obj": page,
            "actions": actions,
            "parametres": parametres.urlencode(),
            "titre": "Prescriptions reçues",
            "fil_ariane": [{"label": "Prescriptions reçues"}],
        },
    )


def _etapes(prescription, form=None, etat_demande=None):
    """The next steps, each with its own form (the one just sent keeps its input and errors)."""
    return [
        {
            "etat": etat,
            "libelle": LIBELLES_ACTION[etat],
            "form": form
            if etat == etat_demande and form is not None
            else EtapePrescriptionForm(etat=etat, initial={"date": timezone.localdate()}),
        }
        for etat in transitions_possibles(prescription.etat)
    ]


def _contexte_prescription(request, prescription, form=None, etat_demande=None):
    return {
        "prescription": prescription,
        "etapes": _etapes(prescription, form, etat_demande),
        # A step the prescription cannot take now (a stale page, a forged post): its errors above the steps.
        "erreurs_hors_etape": form.errors
        if form is not None and etat_demande not in transitions_possibles(prescription.etat)
        else {},
        "historique": prescription.transitions.select_related("par"),
        "titre": f"Prescription de {prescription.parcours.beneficiaire}",
        "fil_ariane": [
            {"label": "Prescriptions reçues", "url": reverse("partenaires:prescriptions_recues")},
            {"label": str(prescription.parcours.beneficiaire)},
        ],
    }


def _journaliser_fiche(request, prescription):
    journaliser(
        request.user,
        page=request.path,
        objet="prescription",
        objet_id=prescription.pk,
        beneficiaire_id=prescription.parcours.beneficiaire_id,
        libelle="Prescription reçue par le partenaire",
    )


@partenaire_requis
def prescription_recue(request, pk):
    prescription = get_object_or_404(
        Prescription.objects.visible_par(request.user).select_related(
            "parcours__beneficiaire", "parcours__mdd", "prescripteur", "action"
        ),
        pk=pk,
    )
    form, etat_demande, succes = None, None, ""
    if request.method == "POST":
        etat_demande = request.POST.get("etat", "")
        form = EtapePrescriptionForm(request.POST, etat=etat_demande)
        if form.is_valid():
            try:
                changer_etat(
                    prescription,
                    etat_demande,
                    request.user,
                    date=form.cleaned_data["date"],
                    motif=form.valeur("motif"),
                    type_sortie=form.valeur("type_sortie"),
                )
            except ValidationError as erreur:
                rattacher_erreurs(form, erreur)
            else:
                succes = f"La prescription est maintenant « {prescription.get_etat_display().lower()} »."
                if not request.htmx:
                    messages.success(request, succes)
                    return redirect("partenaires:prescription_recue", pk=prescription.pk)
                # htmx: the refreshed follow-up section, with its notice and a fresh form.
                form, etat_demande = None, None
    _journaliser_fiche(request, prescription)
    contexte = _contexte_prescription(request, prescription, form, etat_demande)
    contexte["succes"] = succes
    if request.htmx:
        return render(request, "partenaires/prescription_recue.html#suivi", contexte)
    return render(request, "partenaires/prescription_recue.html", contexte)
