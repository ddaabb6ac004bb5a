"""The catalogue of open actions, read by every agent, and the prescription from a parcours."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from pacte.access import role_requis
from pacte.forms import DsfrForm
from pacte.models import Commune, Site, Thematique
from pacte.models.journal import journaliser
from parcours.models import Parcours
from parcours.prescriptions import prescrire
from parcours.widgets import SelectRapide
from partenaires import figures
from partenaires.forms import PrescrireForm, rattacher_erreurs
from partenaires.models import Action

PAR_PAGE = 20

lecteur_catalogue = role_requis(
    lambda u: u.est_agent_mdd or u.est_charge_orientation or u.est_referent_thematique or u.est_administrateur
)


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filtrer_mots", label="Mots (intitulé, description, partenaire, public)")
    thematique = django_filters.ModelChoiceFilter(
        queryset=Thematique.objects.all(),
        label="Thématique",
        empty_label="Toutes les thématiques",
        widget=SelectRapide,
    )
    commune = django_filters.ModelChoiceFilter(
        queryset=Commune.objects.order_by("nom"),
        method="filtrer_commune",
        label="Commune de la personne (les actions qui la desservent d'abord)",
        empty_label="Toutes les communes",
        widget=SelectRapide,
    )
    site = django_filters.ModelChoiceFilter(
        queryset=Site.objects.select_related("commune").order_by("nom"),
        field_name="sites",
        label="Site d'accueil",
        empty_label="Tous les sites",
        widget=SelectRapide,
    )
    places_libres = django_filters.ChoiceFilter(
        method="filtrer_places",
        label="Places",
        choices=[("oui", "Seulement les actions avec des places libres")],
        empty_label="Toutes les actions",
        widget=SelectRapide,
    )

    class Meta:
        form = DsfrForm
        fields = []

    def filtrer_mots(self, queryset, name, value):
        for mot in value.split():
            queryset = queryset.filter(
                Q(intitule__icontains=mot)
                | Q(description__icontains=mot)
                | Q(public_cible__icontains=mot)
                | Q(partenaire__raison_sociale__icontains=mot)
            )
        return queryset

    def filtrer_commune(self, queryset, name, commune):
        # Served through one of the commune's sites first, then through its territory, then the rest.
        sur_site = Exists(Site.objects.filter(actions=OuterRef("pk"), commune=commune))
        sur_territoire = Exists(
            Action.territoires.through.objects.filter(action=OuterRef("pk"), territoire_id=commune.mdd.territoire_id)
        )
        return queryset.annotate(
            proximite=Case(
                When(sur_site, then=Value(2)),
                When(sur_territoire, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        ).order_by("-proximite", "intitule")

    def filtrer_places(self, queryset, name, value):
        return queryset.filter(places_restantes__gt=0) if value == "oui" else queryset


def url_parcours(parcours_pk) -> str:
    """The parcours page (the parcours app owns it); the catalogue while it does not exist."""
    for nom in ("parcours:detail", "parcours:parcours", "parcours:fiche"):
        try:
            return reverse(nom, args=[parcours_pk])
        except NoReverseMatch:
            continue
    return reverse("partenaires:catalogue")


def _parcours_demande(request):
    valeur = request.GET.get("parcours") or request.POST.get("parcours")
    if not valeur:
        return None
    if not str(valeur).isdigit():
        from django.http import Http404

        raise Http404("Parcours introuvable.")
    parcours = get_object_or_404(Parcours.objects.visible_par(request.user).select_related("beneficiaire"), pk=valeur)
    journaliser(
        request.user,
        page=request.path,
        objet="parcours",
        objet_id=parcours.pk,
        beneficiaire_id=parcours.beneficiaire_id,
        libelle="Catalogue des actions : prescription",
    )
    return parcours


@lecteur_catalogue
def catalogue(request):
    parcours = _parcours_demande(request)
    aujourdhui = timezone.localdate()
    base = figures.avec_places(
        Action.objects.catalogue_pour(request.user)
        .ouvertes_le(aujourdhui)
        .select_related("partenaire", "thematique")
        .prefetch_related("territoires", Prefetch("sites", Site.objects.select_related("commune")))
        .order_by("intitule")
    )
    filtre = CatalogueFilter(request.GET, queryset=base)
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    parametres = request.GET.copy()
    parametres.pop("page", None)
    return render(
        request,
        "partenaires/catalogue.html",
        {
            "filtre": filtre,
            "page_obj": page,
            "parcours": parcours,
            "parametres": parametres.urlencode(),
            "titre": "Catalogue des actions",
            "fil_ariane": [{"label": "Catalogue des actions"}],
        },
    )


@role_requis(lambda u: u.est_agent_mdd or u.est_charge_orientation)
def prescrire_action(request, pk):
    parcours = _parcours_demande(request)
    if parcours is None:
        from django.http import Http404

        raise Http404("Parcours introuvable.")
    action = get_object_or_404(
        figures.avec_places(Action.objects.catalogue_pour(request.user).select_related("partenaire", "thematique")),
        pk=pk,
    )
    form = PrescrireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prescrire(parcours, action, request.user, motif_hors_capacite=form.cleaned_data["motif_hors_capacite"])
        except ValidationError as erreur:
            rattacher_erreurs(form, erreur)
        else:
            messages.success(request, f"La prescription vers « {action} » est envoyée au partenaire.")
            return redirect(url_parcours(parcours.pk))
    catalogue_url = f"{reverse('partenaires:catalogue')}?parcours={parcours.pk}"
    return render(
        request,
        "partenaires/prescrire.html",
        {
            "action": action,
            "parcours": parcours,
            "form": form,
            "complete": action.places_restantes <= 0,
            "url_retour": url_parcours(parcours.pk),
            "titre": f"Prescrire « {action} »",
            "fil_ariane": [{"label": "Catalogue des actions", "url": catalogue_url}, {"label": "Prescrire"}],
        },
    )
