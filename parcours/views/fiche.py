"""The parcours page: header, timeline, and the forms that record each event; the change history on demand."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from pacte.models.journal import journaliser, journaliser_parcours
from parcours import extensions, personnes
from parcours.contrats import etat_contrat_effectif
from parcours.forms import FORMULAIRES
from parcours.historique import historique
from parcours.models import Parcours
from parcours.permissions import suivi_requis as agent_mdd_requis
from parcours.regles import ConflitDeVersion
from parcours.timeline import DonneesParcours


def parcours_visible(user, pk):
    return get_object_or_404(
        Parcours.objects.visible_par(user).select_related(
            "beneficiaire__commune", "mdd", "referent", "orientation_courante", "contrat_courant"
        ),
        pk=pk,
    )


def lien_catalogue(parcours):
    try:
        return f"{reverse('partenaires:catalogue')}?parcours={parcours.pk}"
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class FormulaireFerme:
    slug: str
    titre: str


def contexte_fiche(request, parcours, formulaire_lie=None, succes="", avec_historique=False):
    """`avec_historique`: the page with the change history open (its fallback without JavaScript). Otherwise the
    history is not read: it costs about a fifth of the page and is rarely opened (loaded then by htmx)."""
    donnees = DonneesParcours.charger(parcours)
    formulaires = []
    if parcours.est_ouvert:
        for slug, classe in FORMULAIRES.items():
            if formulaire_lie is not None and formulaire_lie.slug == slug:
                formulaires.append(formulaire_lie)
            elif donnees.a_des(slug):
                # Sent closed, its fields loaded when opened: only its name is on the page, so no form instance
                # (building one copies every field, a dozen times per page).
                formulaires.append(FormulaireFerme(classe.slug, classe.titre))
    elif formulaire_lie is not None:
        formulaires.append(formulaire_lie)
    beneficiaire = parcours.beneficiaire
    return {
        "parcours": parcours,
        "beneficiaire": beneficiaire,
        "donnees": donnees,
        "etat_contrat": etat_contrat_effectif(parcours.contrat_courant) if parcours.contrat_courant else "",
        "timeline": donnees.timeline(parcours),
        "historique": historique(parcours, utilisateurs=donnees.utilisateurs) if avec_historique else [],
        "historique_ouvert": avec_historique,
        "formulaires": formulaires,
        "formulaire_lie": formulaire_lie,
        "succes": succes,
        "lien_catalogue": lien_catalogue(parcours),
        "foyer": personnes.foyer(beneficiaire, request.user),
        "liens_parcours": extensions.liens_parcours(parcours, request.user),
        "titre": f"Parcours de {beneficiaire}",
        "fil_ariane": [
            {"label": "File active", "url": reverse("parcours:file_active")},
            {"label": f"Parcours de {beneficiaire}"},
        ],
    }


@agent_mdd_requis
def fiche(request, pk):
    parcours = parcours_visible(request.user, pk)
    journaliser_parcours(request, parcours)
    return render(request, "parcours/fiche.html", contexte_fiche(request, parcours))


# The role check comes first: another role gets 404, not a 405 that reveals the page exists.
@agent_mdd_requis
@require_http_methods(["GET"])
def historique_modifications(request, pk):
    """Who changed what in this parcours. htmx: the table alone, loaded when its section is opened; otherwise the
    parcours page with the history open. Closed parcours too, as the page shows them."""
    parcours = parcours_visible(request.user, pk)
    journaliser_parcours(request, parcours, libelle="Historique des modifications")
    if request.htmx:
        response = render(
            request,
            "parcours/includes/historique.html",
            {"parcours": parcours, "historique": historique(parcours)},
        )
    else:
        response = render(request, "parcours/fiche.html", contexte_fiche(request, parcours, avec_historique=True))
    # Same URL, two bodies: a cache must not give the fragment to a browser asking for the page.
    patch_vary_headers(response, ["HX-Request"])
    return response


# The role check comes first: another role gets 404, not a 405 that reveals the page exists.
@agent_mdd_requis
@require_http_methods(["GET", "POST"])
def enregistrer(request, pk, evenement):
    """GET: the empty form (htmx: the form alone, opened in the parcours page; otherwise the page with it
    open). POST: record the event."""
    classe = FORMULAIRES.get(evenement)
    if classe is None:
        raise Http404("Page introuvable.")
    parcours = parcours_visible(request.user, pk)
    if request.method == "GET":
        return _formulaire_vide(request, parcours, classe)
    formulaire = classe(request.POST, parcours=parcours)
    if formulaire.is_valid():
        try:
            formulaire.enregistrer(request.user)
        except ConflitDeVersion as conflit:
            parcours.refresh_from_db()
            formulaire.montrer_version(parcours.version)
            formulaire.add_error(None, conflit.messages[0])
        except ValidationError as erreur:
            _reporter(formulaire, erreur)
        else:
            journaliser(
                request.user,
                page=request.path,
                objet=formulaire.slug,
                objet_id=parcours.pk,
                beneficiaire_id=parcours.beneficiaire_id,
                nature="modification",
                libelle=formulaire.message_succes,
            )
            return _apres_succes(request, parcours, formulaire)
    contexte = contexte_fiche(request, parcours_visible(request.user, pk), formulaire_lie=formulaire)
    gabarit = "parcours/includes/fiche_contenu.html" if request.htmx else "parcours/fiche.html"
    return render(request, gabarit, contexte)


def _formulaire_vide(request, parcours, classe):
    if not parcours.est_ouvert:
        raise Http404("Ce parcours est clos : aucun événement ne peut plus y être enregistré.")
    # A link may name the event the form acts on (?rendez_vous=12 from the timeline): it is pre-selected.
    initial = {nom: valeur for nom, valeur in request.GET.items() if nom in classe.base_fields and nom != "version"}
    formulaire = classe(parcours=parcours, initial=initial)
    if request.htmx:
        return render(
            request, "parcours/includes/formulaire_evenement.html", {"form": formulaire, "parcours": parcours}
        )
    journaliser_parcours(request, parcours)
    return render(request, "parcours/fiche.html", contexte_fiche(request, parcours, formulaire_lie=formulaire))


def _reporter(formulaire, erreur):
    if hasattr(erreur, "error_dict"):
        for champ, messages_champ in erreur.message_dict.items():
            cible = champ if champ in formulaire.fields else None
            for message in messages_champ:
                formulaire.add_error(cible, message)
    else:
        for message in erreur.messages:
            formulaire.add_error(None, message)


def _apres_succes(request, parcours, formulaire):
    url = reverse("parcours:fiche", args=[parcours.pk])
    if not Parcours.objects.visible_par(request.user).filter(pk=parcours.pk).exists():
        # A transfer to an MDD the user does not belong to: the parcours leaves their file active.
        messages.success(request, f"{formulaire.message_succes} Le parcours ne fait plus partie de votre file active.")
        url = reverse("parcours:file_active")
        if request.htmx:
            response = render(request, "parcours/includes/vide.html")
            response["HX-Redirect"] = url
            return response
        return redirect(url)
    if request.htmx:
        parcours = parcours_visible(request.user, parcours.pk)
        return render(
            request,
            "parcours/includes/fiche_contenu.html",
            contexte_fiche(request, parcours, succes=formulaire.message_succes),
        )
    messages.success(request, formulaire.message_succes)
    return redirect(f"{url}#chronologie")
