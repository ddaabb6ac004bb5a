"""A crash in the middle of a batch leaves no half-imported line; a new run resumes after the last batch."""

import io

import pytest

from pacte.models import ImportFichier
from parcours.imports import ecriture
from parcours.imports.service import importer_entrants
from parcours.models import Beneficiaire, Parcours
from tests.imports.conftest import fichier_csv, ligne

pytestmark = pytest.mark.django_db


def test_une_panne_au_milieu_d_un_lot_ne_laisse_aucune_ligne_a_moitie_importee(referentiel, aujourdhui, monkeypatch):
    contenu = fichier_csv(*[ligne(numero=f"{1000000 + i}") for i in range(25)])
    import_fichier = ImportFichier.objects.create(nom_fichier="entrants.csv", empreinte="x", nb_lignes=25)
    vraie_fonction = ecriture.enregistrer_parcours
    appels = []

    def panne_au_deuxieme_lot(*args, **kwargs):
        appels.append(1)
        if len(appels) == 2:
            # The beneficiaries of this batch are already inserted: the transaction must undo them.
            raise RuntimeError("panne simulée")
        return vraie_fonction(*args, **kwargs)

    monkeypatch.setattr(ecriture, "enregistrer_parcours", panne_au_deuxieme_lot)
    with pytest.raises(RuntimeError):
        importer_entrants(io.BytesIO(contenu), import_fichier=import_fichier, taille_lot=10, aujourdhui=aujourdhui)

    import_fichier.refresh_from_db()
    assert import_fichier.derniere_ligne == 11  # header + first batch of 10
    assert import_fichier.compteurs["crees"] == 10
    assert Beneficiaire.objects.count() == 10
    assert not Beneficiaire.objects.filter(parcours__isnull=True).exists()

    monkeypatch.setattr(ecriture, "enregistrer_parcours", vraie_fonction)
    bilan = importer_entrants(io.BytesIO(contenu), import_fichier=import_fichier, taille_lot=10, aujourdhui=aujourdhui)
    assert bilan.crees == 25
    assert Beneficiaire.objects.count() == 25
    assert Parcours.objects.count() == 25
    import_fichier.refresh_from_db()
    assert (import_fichier.etat, import_fichier.derniere_ligne) == (ImportFichier.Etat.TERMINE, 26)
