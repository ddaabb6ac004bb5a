"""The file active as a CSV for the responsable de MDD: the list they see with its filters, only the columns a
follow-up meeting needs (no birth date, address or phone), every person exported logged."""

import csv
import io

from django.http import HttpResponse

from pacte.models.journal import journaliser_liste
from pacte.tableurs import ligne_csv
from pacte.text import jour
from parcours.filters import FileActiveFilter
from parcours.permissions import pilotage_mdd_requis
from parcours.views.file_active import file_active_de

EN_TETE = ["Nom", "Prénom", "Numéro allocataire", "Référent unique", "Orientation", "Fin du contrat", "Entrée"]


def ligne(p) -> list:
    return [
        p.beneficiaire.nom.upper(),
        p.beneficiaire.prenom,
        p.beneficiaire.numero_allocataire,
        str(p.referent) if p.referent_id else "",
        p.orientation_courante.get_type_display() if p.orientation_courante_id else "À orienter",
        jour(p.contrat_courant.date_fin) if p.contrat_courant_id else "",
        jour(p.date_entree),
    ]


@pilotage_mdd_requis
def exporter(request):
    filtre = FileActiveFilter(request.GET, queryset=file_active_de(request.user), user=request.user)
    lignes = list(filtre.qs)
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";")
    ecrivain.writerow(EN_TETE)
    for p in lignes:
        ecrivain.writerow(ligne_csv(ligne(p)))
    journaliser_liste(
        request.user,
        page=request.get_full_path(),
        objet="parcours",
        lignes=((p.pk, p.beneficiaire_id) for p in lignes),
        nature="export",
        libelle="Export de la file active de la MDD",
    )
    response = HttpResponse("\ufeff" + tampon.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="file-active.csv"'
    return response
