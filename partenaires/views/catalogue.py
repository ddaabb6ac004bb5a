"""The catalogue of open actions, read by every agent, and the prescription from a parcours."""

from collections import Counter

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import Truncator

from pacte.forms import FiltresForm
from pacte.models import Commune, Site, Thematique
from pacte.models.journal import journaliser_parcours
from pacte.text import jour
from pacte.widgets import ListeRapide, SelectRapide
from parcours import figures_actions as figures
from parcours.models import Parcours
from parcours.permissions import prescription_requise
from parcours.prescriptions import prescrire
from partenaires.forms import PrescrireForm, rattacher_erreurs
from partenaires.models import Action
from partenaires.permissions import catalogue_requis as lecteur_catalogue

PAR_PAGE = 20


def _options_thematiques(thematiques):
    return ((pk, Thematique.libelle(*v)) for pk, *v in thematiques.values_list("pk", "numero", "intitule"))


def _options_communes(communes):
    return ((pk, Commune.libelle(*v)) for pk, *v in communes.values_list("pk", "nom", "code_insee"))


def _options_sites(sites):
    return ((pk, Site.libelle(*v)) for pk, *v in sites.values_list("pk", "nom", "commune__nom"))


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filtrer_mots", label="Mots (intitulé, description, partenaire, public)")
    thematique = ListeRapide(
        queryset=Thematique.objects.all(),
        options=_options_thematiques,
        label="Thématique",
        empty_label="Toutes les thématiques",
        widget=SelectRapide,
    )
    commune = ListeRapide(
        # select_related serves filtrer_commune (commune.mdd); the options' values_list ignores it.
        queryset=Commune.objects.select_related("mdd").order_by("nom"),
        options=_options_communes,
        method="filtrer_commune",
        label="Commune de la personne (les actions qui la desservent d'abord)",
        empty_label="Toutes les communes",
        widget=SelectRapide,
    )
    site = ListeRapide(
        queryset=Site.objects.order_by("nom"),
        options=_options_sites,
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
        form = FiltresForm
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
    journaliser_parcours(request, parcours, libelle="Catalogue des actions : prescription")
    return parcours


def criteres_depuis_la_personne(donnees, parcours):
    """Prescribing from a parcours: the catalogue starts from the person's commune (the actions that serve it first),
    unless the user chose another one (or «all», an empty value they sent)."""
    if parcours is None or "commune" in donnees or not parcours.beneficiaire.commune_id:
        return donnees
    donnees = donnees.copy()
    donnees["commune"] = str(parcours.beneficiaire.commune_id)
    return donnees


@lecteur_catalogue
def catalogue(request):
    parcours = _parcours_demande(request)
    aujourdhui = timezone.localdate()
    base = figures.avec_places(Action.objects.catalogue_pour(request.user).ouvertes_le(aujourdhui).order_by("intitule"))
    filtre = CatalogueFilter(criteres_depuis_la_personne(request.GET, parcours), queryset=base)
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    parametres = request.GET.copy()
    parametres.pop("page", None)
    return render(
        request,
        "partenaires/catalogue.html",
        {
            "filtre": filtre,
            "page_obj": page,
            "lignes": _lignes(page.object_list),
            "parcours": parcours,
            "parametres": parametres.urlencode(),
            "titre": "Catalogue des actions",
            "fil_ariane": [{"label": "Catalogue des actions"}],
        },
    )


# Only the columns a row shows, as values: model instances, the prefetch machinery, the template's nested loops
# and its |date and |truncatewords filters cost about 4 ms of CPU a page; these rows, under 2 ms with their queries.
COLONNES_LIGNE = (
    "pk",
    "intitule",
    "public_cible",
    "date_debut",
    "date_fin",
    "places",
    "places_restantes",
    "partenaire__raison_sociale",
    "thematique__numero",
    "thematique__intitule",
)


def _lignes(actions) -> list[dict]:
    """The rows of one page: three queries (the actions, their sites, their territories) whatever its length."""
    lignes = list(actions.values(*COLONNES_LIGNE))
    ids = [ligne["pk"] for ligne in lignes]
    sites, territoires = {}, {}
    # Same order as the prefetches they replace: Site and Territoire's Meta.ordering.
    for action_id, nom, commune in (
        Action.sites.through.objects.filter(action_id__in=ids)
        .order_by("site__mdd__nom", "site__nom")
        .values_list("action_id", "site__nom", "site__commune__nom")
    ):
        sites.setdefault(action_id, []).append(Site.libelle(nom, commune))
    for action_id, nom in (
        Action.territoires.through.objects.filter(action_id__in=ids)
        .order_by("territoire__nom")
        .values_list("action_id", "territoire__nom")
    ):
        territoires.setdefault(action_id, []).append(nom)
    homonymes = Counter(ligne["intitule"].casefold() for ligne in lignes)
    for ligne in lignes:
        ligne["public"] = Truncator(ligne["public_cible"]).words(20, truncate=" …")  # |truncatewords:20
        ligne["thematique"] = Thematique.libelle(ligne["thematique__numero"], ligne["thematique__intitule"])
        ligne["periode"] = f"du {jour(ligne['date_debut'])} au {jour(ligne['date_fin'])}"
        ligne["lieux"] = " ; ".join(
            ", ".join(noms) for noms in (sites.get(ligne["pk"]), territoires.get(ligne["pk"])) if noms
        )
        # Two actions of the same name on the page: each says which one it is (partner, places, dates).
        ligne["homonyme"] = homonymes[ligne["intitule"].casefold()] > 1
        ligne["nom_complet"] = ligne["intitule"]
        if ligne["homonyme"]:
            precisions = [ligne["partenaire__raison_sociale"], ligne["lieux"], ligne["periode"]]
            ligne["nom_complet"] += " — " + ", ".join(p for p in precisions if p)
    return lignes


@prescription_requise
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
            prescrire(
                parcours,
                action,
                request.user,
                motif_hors_capacite=form.cleaned_data["motif_hors_capacite"],
                message_au_partenaire=form.cleaned_data["message_au_partenaire"],
            )
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
