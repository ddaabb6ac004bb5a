"""Pages of the référents thématiques (and administrators): «Mes actions», the action page and its forms."""

import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import retarget

from pacte.forms import FiltresForm
from pacte.models import Thematique
from pacte.widgets import SelectRapide
from parcours import figures_actions as figures
from parcours.choices import EtatPrescription
from partenaires.forms import AjustementForm, ResultatForm, rattacher_erreurs
from partenaires.models import Partenaire, ResultatAction
from partenaires.models.actions import StatutAction
from partenaires.permissions import ajustement_requis, peut_ajuster, suivi_des_actions_requis
from partenaires.services import CHAMPS_RESULTAT, enregistrer_ajustement, enregistrer_resultat


class MesActionsFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filtrer_mots", label="Mots (intitulé, partenaire)")
    # A year the calendar knows: beyond, a French error on the field rather than a 500 in datetime.date.
    annee = django_filters.NumberFilter(
        method="filtrer_annee", label="Année", min_value=1, max_value=9999, decimal_places=0
    )
    thematique = django_filters.ModelChoiceFilter(
        queryset=Thematique.objects.none(), label="Thématique", empty_label="Toutes vos thématiques"
    )
    partenaire = django_filters.ModelChoiceFilter(
        queryset=Partenaire.objects.only("pk", "raison_sociale"),
        label="Partenaire",
        empty_label="Tous les partenaires",
        widget=SelectRapide,  # hundreds of partners: options written without a template each
    )
    statut = django_filters.ChoiceFilter(choices=StatutAction.choices, label="Statut", empty_label="Tous les statuts")
    alerte = django_filters.ChoiceFilter(
        method="filtrer_alertes",
        label="Alertes",
        choices=[
            ("oui", "Seulement les actions en alerte"),
            ("occupation", "Occupation faible"),
            ("resultats", "Sans résultats pour la dernière période"),
            ("fin_proche", "Se terminant bientôt"),
            ("budget", "Versements au-delà du conventionné"),
        ],
        empty_label="Toutes les actions",
    )

    class Meta:
        form = FiltresForm
        fields = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("annee", str(timezone.localdate().year))
        super().__init__(data, *args, **kwargs)
        thematiques = Thematique.objects.all() if user.est_administrateur else user.thematiques.all()
        self.filters["thematique"].queryset = thematiques
        self.form.fields["thematique"].queryset = thematiques

    def filtrer_mots(self, queryset, name, value):
        for mot in value.split():
            queryset = queryset.filter(Q(intitule__icontains=mot) | Q(partenaire__raison_sociale__icontains=mot))
        return queryset

    def filtrer_annee(self, queryset, name, value):
        annee = int(value)
        return queryset.filter(date_debut__lte=datetime.date(annee, 12, 31), date_fin__gte=datetime.date(annee, 1, 1))

    def filtrer_alertes(self, queryset, name, value):
        # One alert (a link of the home page) or any of them.
        if value == "oui":
            return queryset.filter(figures.filtre_alertes())
        return queryset.filter(**{f"alerte_{value}": True})


@ajustement_requis
def mes_actions(request):
    aujourdhui = timezone.localdate()
    filtre = MesActionsFilter(
        request.GET, queryset=figures.actions_avec_chiffres(request.user, aujourdhui, detail=False), user=request.user
    )
    page = Paginator(filtre.qs.order_by("thematique__numero", "intitule"), 25).get_page(request.GET.get("page"))
    for action in page:
        action.taux = figures.taux_occupation(action)
        action.liste_alertes = figures.alertes(action)
    parametres = request.GET.copy()
    parametres.pop("page", None)
    return render(
        request,
        "partenaires/mes_actions.html",
        {
            "filtre": filtre,
            "page_obj": page,
            "parametres": parametres.urlencode(),
            "titre": "Mes actions" if request.user.est_referent_thematique else "Actions et partenaires",
            "fil_ariane": [{"label": "Mes actions"}],
        },
    )


def _action_visible(request, pk):
    return get_object_or_404(figures.fiches_actions(request.user, timezone.localdate()), pk=pk)


def _contexte_action(request, action, *, form_ajustement=None, form_resultat=None, resultat_corrige=None):
    action.taux = figures.taux_occupation(action)
    action.liste_alertes = figures.alertes(action)
    ajustable = peut_ajuster(request.user)
    financement = action.financement
    return {
        "action": action,
        "lignes_objectifs": figures.objectifs_et_resultats(action),
        "rapprochement": figures.rapprochement(action),
        "etats": [(label, getattr(action, f"nb_{valeur}")) for valeur, label in EtatPrescription.choices],
        "ajustements": action.ajustements.select_related("auteur", "decision_reunion__reunion"),
        "resultats": action.resultats.all(),
        "versements": financement.versements.all() if financement else [],
        "cofinancements": financement.cofinancements.all() if financement else [],
        "peut_ajuster": ajustable,
        "form_ajustement": (form_ajustement or AjustementForm(action=action, initial={"date": timezone.localdate()}))
        if ajustable
        else None,
        "form_resultat": form_resultat or ResultatForm(action=action),
        "resultat_corrige": resultat_corrige,
        "titre": str(action),
        "fil_ariane": [
            {"label": "Mes actions", "url": reverse("partenaires:mes_actions")}
            if not request.user.est_partenaire
            else {"label": "Prescriptions reçues", "url": reverse("partenaires:prescriptions_recues")},
            {"label": str(action)},
        ],
    }


def _fiche_apres_htmx(request, pk, succes):
    """After an htmx form succeeded: the whole refreshed action sheet replaces the old one."""
    contexte = _contexte_action(request, _action_visible(request, pk))
    contexte["succes"] = succes
    return retarget(render(request, "partenaires/action.html#fiche", contexte), "#fiche-action")


@suivi_des_actions_requis
def action_detail(request, pk):
    action = _action_visible(request, pk)
    return render(request, "partenaires/action.html", _contexte_action(request, action))


@ajustement_requis
def ajouter_ajustement(request, pk):
    action = _action_visible(request, pk)
    form = AjustementForm(request.POST or None, action=action, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        donnees = form.cleaned_data
        try:
            enregistrer_ajustement(
                action,
                request.user,
                date=donnees["date"],
                objet=donnees["objet"],
                decision=donnees["decision"],
                effet=donnees["effet"],
                decision_reunion=donnees["decision_reunion"],
                indicateur=donnees["indicateur"],
                valeur_cible=donnees["valeur_cible"],
                montant_conventionne=donnees["montant_conventionne"],
                date_debut=donnees["date_debut"],
                date_fin=donnees["date_fin"],
                places=donnees["places"],
            )
        except ValidationError as erreur:
            rattacher_erreurs(form, erreur)
        else:
            if request.htmx:
                return _fiche_apres_htmx(request, pk, "L'ajustement est enregistré.")
            messages.success(request, "L'ajustement est enregistré.")
            return redirect("partenaires:action", pk=action.pk)
    contexte = _contexte_action(request, action, form_ajustement=form)
    if request.htmx:
        return render(request, "partenaires/action.html#form_ajustement", contexte)
    contexte["fil_ariane"][-1:] = [
        {"label": str(action), "url": reverse("partenaires:action", args=[action.pk])},
        {"label": "Nouvel ajustement"},
    ]
    contexte["titre"] = f"Nouvel ajustement — {action}"
    return render(request, "partenaires/ajustement_form.html", contexte)


@suivi_des_actions_requis
def saisir_resultat(request, pk, resultat_pk=None):
    action = _action_visible(request, pk)
    resultat = get_object_or_404(ResultatAction, pk=resultat_pk, action=action) if resultat_pk else None
    form = ResultatForm(request.POST or None, action=action, instance=resultat)
    if request.method == "POST" and form.is_valid():
        donnees = form.cleaned_data
        source = ResultatAction.Source.PARTENAIRE if request.user.est_partenaire else ResultatAction.Source.REFERENT
        try:
            enregistrer_resultat(
                action,
                request.user,
                periode_debut=donnees["periode_debut"],
                periode_fin=donnees["periode_fin"],
                source=source,
                resultat=ResultatAction.objects.get(pk=resultat.pk) if resultat else None,
                **{champ: donnees.get(champ) for champ in CHAMPS_RESULTAT},
            )
        except ValidationError as erreur:
            rattacher_erreurs(form, erreur)
        else:
            if request.htmx:
                return _fiche_apres_htmx(request, pk, "Les résultats de la période sont enregistrés.")
            messages.success(request, "Les résultats de la période sont enregistrés.")
            return redirect("partenaires:action", pk=action.pk)
    contexte = _contexte_action(request, action, form_resultat=form, resultat_corrige=resultat)
    if request.htmx:
        return render(request, "partenaires/action.html#form_resultat", contexte)
    contexte["fil_ariane"][-1:] = [
        {"label": str(action), "url": reverse("partenaires:action", args=[action.pk])},
        {"label": "Correction des résultats" if resultat else "Saisie des résultats"},
    ]
    contexte["titre"] = f"Résultats — {action}"
    return render(request, "partenaires/resultat_form.html", contexte)
