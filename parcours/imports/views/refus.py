"""The refused lines of an import as a CSV file, to correct and upload again."""

import csv
import io

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404

from pacte.models import ImportFichier
from pacte.models.journal import journaliser
from pacte.tableurs import ligne_csv
from parcours.imports.lecture import Lecteur
from parcours.imports.service import importer_fichier
from parcours.imports.views.depot import imports_visibles
from parcours.imports.xml_cnaf import EN_TETE_CSV
from parcours.permissions import import_requis as peut_importer


class _Tampon:
    def write(self, valeur):
        return valeur


def _lignes(contenu: bytes, nature: str):
    ecrivain = csv.writer(_Tampon(), delimiter=";")
    if nature == ImportFichier.Nature.BENEFICIAIRES_XML:
        en_tete = EN_TETE_CSV
    else:
        lecteur = Lecteur(io.BytesIO(contenu))
        en_tete = lecteur.en_tete
        lecteur.detacher()
    yield "\ufeff" + ecrivain.writerow(ligne_csv([*en_tete, "LIGNE_ORIGINE", "MOTIF_REFUS"]))
    refus = []
    importer_fichier(io.BytesIO(contenu), dry_run=True, sur_refus=refus.append, garder_refus=0)
    for ligne in refus:
        yield ecrivain.writerow(ligne_csv([*ligne.valeurs, ligne.lieu or ligne.numero_ligne, ligne.motif]))


@peut_importer
def refus_csv(request, pk):
    """The refused lines, as they were, plus LIGNE_ORIGINE and MOTIF_REFUS: fix them and upload again."""
    import_fichier = get_object_or_404(imports_visibles(request.user).defer(None), pk=pk)
    journaliser(
        request.user,
        page=request.path,
        objet="lignes refusées d'un import",
        objet_id=pk,
        nature="export",
        libelle=import_fichier.nom_fichier,
    )
    contenu = bytes(import_fichier.contenu or b"")
    nom = import_fichier.nom_fichier.rsplit(".", 1)[0]
    response = StreamingHttpResponse(_lignes(contenu, import_fichier.nature), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{nom}-lignes-refusees.csv"'
    return response
