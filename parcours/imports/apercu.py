"""The page's preview: a dry run of the uploaded file, kept with the file so that a worker can import it later."""

import io

from pacte.models import ImportFichier
from parcours.imports import etats
from parcours.imports.lecture import empreinte_et_lignes
from parcours.imports.service import Bilan, importer_fichier, ouvrir


def preparer_apercu(fichier, *, par) -> ImportFichier:
    """Dry-run an uploaded file and record it in aperçu. Raises FichierInvalide (nothing recorded) when the
    whole file is refused, including a file with no data line."""
    empreinte, taille, _ = empreinte_et_lignes(fichier)
    contenu = fichier.read()
    bilan = importer_fichier(io.BytesIO(contenu), dry_run=True)
    source = ouvrir(io.BytesIO(contenu))
    source.detacher()
    return etats.creer(
        par=par,
        nom_fichier=fichier.name[:200],
        empreinte=empreinte,
        taille=taille,
        # What the preview read, so that the page announces exactly the records it accounts for.
        nb_lignes=bilan.lignes_traitees,
        contenu=contenu,
        nature=source.nature,
        apercu=apercu_du_bilan(bilan),
        **source.champs,
    )


def apercu_du_bilan(bilan: Bilan) -> dict:
    return {
        **bilan.compteurs,
        "lues": bilan.lignes_traitees,
        "refus": [
            {
                "ligne": r.lieu or r.numero_ligne,
                "colonnes": r.colonnes,
                "motif": r.motif,
                "numero": r.numero_allocataire,
            }
            for r in bilan.refus
        ],
    }
