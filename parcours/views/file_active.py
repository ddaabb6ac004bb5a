from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Now
from django.shortcuts import render

from pacte.models.journal import journaliser_parcours_affiches
from parcours.filters import FileActiveFilter
from parcours.models import Frein, Parcours, RendezVous
from parcours.permissions import suivi_requis

PAR_PAGE = 25


def file_active_de(user):
    """The scoped list with what each row shows: a fixed number of queries whatever the row count."""
    freins_ouverts = (
        Frein.objects.filter(parcours=OuterRef("pk"), date_levee__isnull=True)
        .order_by()
        .values("parcours")
        .annotate(n=Count("pk"))
        .values("n")
    )
    dernier_rdv = (
        RendezVous.objects.filter(parcours=OuterRef("pk"), date__lte=Now()).order_by("-date").values("date")[:1]
    )
    return (
        Parcours.objects.visible_par(user)
        # What the table shows, nothing more: each join costs PostgreSQL planning time on every page (the MDD
        # one, never shown, doubled it: 3.6 -> 6.8 ms).
        .select_related("beneficiaire", "referent", "orientation_courante", "contrat_courant")
        .annotate(
            nb_freins_ouverts=Coalesce(Subquery(freins_ouverts, output_field=IntegerField()), Value(0)),
            dernier_rdv=Subquery(dernier_rdv),
        )
    )


# What the table prints (includes/file_active_resultats.html), nothing more: 25 rows of five joined tables are read
# and turned into objects on every page. A column the table starts to print must be added here, or each row costs
# a query (tests/parcours/test_file_active.py counts them).
COLONNES_DU_TABLEAU = (
    "date_entree",
    "date_sortie",
    "etat_droit",
    "date_etat_droit",
    "beneficiaire__nom",
    "beneficiaire__prenom",
    "beneficiaire__sexe",
    "beneficiaire__date_naissance",
    "beneficiaire__numero_allocataire",
    "referent__first_name",
    "referent__last_name",
    "referent__email",
    "orientation_courante__type",
    "contrat_courant__etat",
    "contrat_courant__date_fin",
)

COLONNES_TRIABLES = [
    ("nom", "Personne"),
    ("entree", "Entrée"),
    ("fin_contrat", "Contrat"),
    ("dernier_rdv", "Dernier rendez-vous"),
]


def colonnes(request):
    """Sortable column headers: each links to the same list sorted by it (or reversed), filters kept."""
    tri = request.GET.get("tri", "") or "nom"
    resultat = {}
    for cle, libelle in COLONNES_TRIABLES:
        params = request.GET.copy()
        params.pop("page", None)
        if tri == cle:
            params["tri"], sens = f"-{cle}", "ascending"
        elif tri == f"-{cle}":
            params["tri"], sens = cle, "descending"
        else:
            params["tri"], sens = cle, ""
        resultat[cle] = {"libelle": libelle, "url": f"?{params.urlencode()}", "aria_sort": sens}
    return resultat


def paginer(filtre, numero):
    """The page in two steps: the ids of its rows through the filtered and sorted query, then those rows with
    everything the table shows, by primary key.

    One query carrying the filters, the sort, the limit and the five joins of the table took PostgreSQL 10 to
    50 ms just to plan on the large data set (bench/pages.py); the ids query plans in under a millisecond, and
    so does the fetch of 25 rows by primary key.

    With a search or a filter, PostgreSQL has to look at every parcours of the MDD both to count and to find
    the page: the ids of all the matching rows are read once (a few thousand at most, the parcours of the
    user's MDD) and counted in Python, instead of a COUNT(*) and a second pass for the page. Without one, the
    count reads a small index and the page walks the name index: two cheap queries.
    """
    ids_tries = filtre.qs.values_list("pk", flat=True)
    criteres = getattr(filtre.form, "cleaned_data", {})
    if any(valeur not in (None, "") for nom, valeur in criteres.items() if nom != "tri"):
        ids_tries = list(ids_tries)
    page = Paginator(ids_tries, PAR_PAGE).get_page(numero)
    ids = list(page.object_list)
    # The list as the filter received it (scoped, annotated), without its filters: the rows by primary key.
    lignes = filtre.queryset.only(*COLONNES_DU_TABLEAU).in_bulk(ids)
    page.object_list = [lignes[pk] for pk in ids if pk in lignes]  # a row may leave between the two queries
    return page


@suivi_requis
def file_active(request):
    filtre = FileActiveFilter(request.GET, queryset=file_active_de(request.user), user=request.user)
    page = paginer(filtre, request.GET.get("page"))
    journaliser_parcours_affiches(request, page.object_list, libelle="File active : personne affichée dans la liste")
    contexte = {
        "filtre": filtre,
        "page_obj": page,
        "titre": "Ma file active" if request.user.role == "travailleur_social" else "File active de la MDD",
        "fil_ariane": [{"label": "File active"}],
        "colonnes": colonnes(request),
    }
    if request.htmx:
        return render(request, "parcours/includes/file_active_resultats.html", contexte)
    return render(request, "parcours/file_active.html", contexte)
