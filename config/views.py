from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from config.accueil import accueil_pour
from config.pilotage_mdd import indicateurs_de_la_mdd
from pacte.models.journal import journaliser
from parcours.permissions import pilotage_mdd_requis
from parcours.pilotage_mdd import charge_par_referent, chiffres_de_suivi, mdds_pilotees


def accueil(request):
    page = accueil_pour(request.user)
    return render(request, "pacte/accueil.html", {"page": page, "titre": page.titre})


@pilotage_mdd_requis
def page_mdd(request, pk):
    """The responsable de MDD's page of their MDD: its figures, the caseload of each référent, what to follow up."""
    mdd = get_object_or_404(mdds_pilotees(request.user), pk=pk)
    journaliser(request.user, page=request.path, objet="mdd", objet_id=mdd.pk, libelle="Pilotage de la MDD")
    file_active = reverse("parcours:file_active")
    return render(
        request,
        "pilotage/mdd.html",
        {
            "mdd": mdd,
            "indicateurs": indicateurs_de_la_mdd(mdd),
            "suivi": chiffres_de_suivi(mdd),
            "referents": charge_par_referent(mdd),
            "liens": {
                "referent": f"{file_active}?referent=",
                "sans_referent": f"{file_active}?referent=null",
                "sans_contrat": f"{file_active}?contrat=aucun",
                "sans_rdv": f"{file_active}?alerte=sans_rendez_vous_3_mois",
                "export": reverse("parcours:export_file_active"),
            },
            "titre": f"Pilotage : {mdd.nom}",
            "fil_ariane": [{"label": f"Pilotage : {mdd.nom}"}],
        },
    )
