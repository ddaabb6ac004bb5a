"""The administrator's letter templates: list, new version, preview on a real parcours (HTML or PDF)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from courriers import gabarits, lettres, modeles
from courriers.contexte import RELATIONS, valeurs
from courriers.forms import VersionForm
from courriers.messages import rendre
from courriers.models import Creneau, ModeleCourrier
from courriers.permissions import modeles_requis
from courriers.referentiel import departement_courant
from pacte.models import Pacte
from pacte.models.journal import journaliser
from parcours.models import Parcours


@modeles_requis
def liste(request):
    code = departement_courant()
    modeles.installer_modeles_par_defaut(code, par=request.user)
    contexte = {
        "modeles": ModeleCourrier.objects.filter(departement_code=code).select_related("version_courante"),
        "titre": "Modèles de courriers",
        "fil_ariane": [{"label": "Modèles de courriers"}],
    }
    return render(request, "courriers/modeles.html", contexte)


@modeles_requis
def modifier(request, pk):
    modele = get_object_or_404(ModeleCourrier.objects.select_related("version_courante"), pk=pk)
    courante = modele.version_courante
    initial = {"objet": courante.objet, "corps": courante.corps, "texte_sms": courante.texte_sms} if courante else {}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = modeles.enregistrer_version(modele, par=request.user, **form.cleaned_data)
        except ValidationError as erreur:
            form.add_error(None, erreur)
        else:
            messages.success(request, f"Version {version.numero} enregistrée : elle sert aux prochains envois.")
            return redirect("courriers:modele", pk=modele.pk)
    contexte = {
        "modele": modele,
        "form": form,
        "versions": modele.versions.select_related("created_by"),
        "champs": gabarits.CHAMPS.items(),
        "titre": f"Modèle : {modele}",
        "fil_ariane": [{"label": "Modèles de courriers", "url": reverse("courriers:modeles")}, {"label": str(modele)}],
    }
    return render(request, "courriers/modele.html", contexte, status=400 if form.errors else 200)


def _apercu(modele, version, parcours):
    departement = getattr(Pacte.courant(), "departement_nom", "")
    creneau = Creneau.objects.filter(site__mdd=parcours.mdd).select_related("site__commune", "agent").last()
    donnees = valeurs(parcours, departement=departement, creneau=creneau, lien="https://exemple.invalid/rdv/…")
    rendu = rendre(version, donnees)
    lettre = lettres.Lettre(
        expediteur=lettres.expediteur_de(parcours, departement),
        destinataire=lettres.adresse_de(parcours.beneficiaire),
        date=donnees["date_du_jour"],
        objet=rendu.objet,
        corps=rendu.corps,
        reference=f"Aperçu — modèle v{version.numero}",
    )
    return rendu, lettre


@modeles_requis
def apercu(request, pk):
    modele = get_object_or_404(ModeleCourrier.objects.select_related("version_courante"), pk=pk)
    version = get_object_or_404(modele.versions, numero=request.GET.get("version") or modele.version_courante.numero)
    parcours = Parcours.objects.select_related(*RELATIONS).filter(pk=request.GET.get("parcours") or 0).first()
    if parcours is None:
        parcours = Parcours.objects.select_related(*RELATIONS).order_by("-pk").first()
    if parcours is None:
        messages.error(request, "Aucun parcours n'existe encore pour l'aperçu.")
        return redirect("courriers:modele", pk=modele.pk)
    journaliser(
        request.user,
        page=request.get_full_path(),
        objet="parcours",
        objet_id=parcours.pk,
        beneficiaire_id=parcours.beneficiaire_id,
        libelle=f"Aperçu du modèle {modele}",
    )
    rendu, lettre = _apercu(modele, version, parcours)
    if request.GET.get("format") == "pdf":
        return HttpResponse(lettres.pdf([lettre]), content_type="application/pdf")
    contexte = {
        "modele": modele,
        "version": version,
        "parcours": parcours,
        "rendu": rendu,
        "lettre": lettre,
        "titre": f"Aperçu : {modele}, version {version.numero}",
        "fil_ariane": [
            {"label": "Modèles de courriers", "url": reverse("courriers:modeles")},
            {"label": str(modele), "url": reverse("courriers:modele", args=[modele.pk])},
            {"label": "Aperçu"},
        ],
    }
    return render(request, "courriers/apercu.html", contexte)
