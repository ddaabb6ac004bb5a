"""Writing one batch of validated records: people created or updated, parcours opened, rights recorded.

Everything of a batch is written in one transaction with the import's progress and lease (etats.battre): a
crash or a lost lease undoes the batch entirely, and a new run resumes after the last committed batch.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from pacte.text import normaliser
from parcours.accueil import invalider_accueil
from parcours.faits import recopier_noms
from parcours.imports import etats
from parcours.imports.format import LigneValide
from parcours.models import Beneficiaire, Parcours

CHAMPS_MIS_A_JOUR = ["nom", "prenom", "date_naissance", "commune_id", "sexe"]
CHAMPS_DROIT = ["etat_droit", "motif_etat_droit", "date_etat_droit"]
RAISON_HISTORIQUE = "Import du flux des entrants CAF/MSA"


class Lot:
    """What one batch will write, decided from the database's current state before any write."""

    def __init__(self, valides: list[LigneValide], bilan):
        self.maintenant = timezone.now()
        self.nouveaux: list[Beneficiaire] = []
        self.a_mettre_a_jour: list[Beneficiaire] = []
        self.parcours_a_ouvrir: list[tuple[Beneficiaire, LigneValide]] = []
        self.droits_a_noter: list[Parcours] = []
        existants = _beneficiaires_existants(valides)
        parcours_par_personne = _parcours_existants(existants.values())
        for ligne in valides:
            beneficiaire = existants.get(ligne.cle)
            if beneficiaire is None:
                self._creer(ligne, bilan)
            else:
                self._mettre_a_jour(beneficiaire, ligne, parcours_par_personne.setdefault(beneficiaire.pk, []), bilan)
        bilan.parcours_ouverts += len(self.parcours_a_ouvrir)
        bilan.droits_changes += len(self.droits_a_noter)

    def _creer(self, ligne, bilan):
        if ligne.etat_droit == "radie":
            # A closed right of a person we never knew: nobody to orient, nothing to create.
            bilan.ignores += 1
            return
        beneficiaire = Beneficiaire(
            organisme_payeur=ligne.organisme,
            numero_allocataire=ligne.numero_allocataire,
            qualite=ligne.qualite,
            **_champs(ligne),
        )
        beneficiaire.nom_recherche = normaliser(f"{ligne.nom} {ligne.prenom}")
        self.nouveaux.append(beneficiaire)
        self.parcours_a_ouvrir.append((beneficiaire, ligne))
        bilan.crees += 1

    def _mettre_a_jour(self, beneficiaire, ligne, parcours, bilan):
        champs = _champs(ligne)
        if not ligne.sexe:
            champs.pop("sexe")
        if any(getattr(beneficiaire, nom) != valeur for nom, valeur in champs.items()):
            for nom, valeur in champs.items():
                setattr(beneficiaire, nom, valeur)
            beneficiaire.nom_recherche = normaliser(f"{beneficiaire.nom} {beneficiaire.prenom}")
            beneficiaire.updated_at = self.maintenant
            self.a_mettre_a_jour.append(beneficiaire)
            bilan.mis_a_jour += 1
        else:
            bilan.inchanges += 1
        if ligne.etat_droit != "radie" and _doit_ouvrir_parcours(parcours, ligne.date_ouverture_droit):
            self.parcours_a_ouvrir.append((beneficiaire, ligne))
            # Another line of the same batch must not open it a second time.
            parcours.append(Parcours(date_sortie=None, date_ouverture_droit=ligne.date_ouverture_droit))
            return
        courant = next((p for p in parcours if p.date_sortie is None and p.pk), None) or _dernier(parcours)
        if courant is not None and ligne.etat_droit is not None and _droit_change(courant, ligne):
            courant.etat_droit = ligne.etat_droit
            courant.motif_etat_droit = ligne.motif_etat_droit
            courant.date_etat_droit = ligne.date_etat_droit
            self.droits_a_noter.append(courant)

    def enregistrer(self, import_fichier, jeton, par, avancement: dict) -> None:
        with transaction.atomic():
            if self.nouveaux:
                bulk_create_with_history(self.nouveaux, Beneficiaire, **self._historique(par))
            if self.a_mettre_a_jour:
                bulk_update_with_history(
                    self.a_mettre_a_jour,
                    Beneficiaire,
                    [*CHAMPS_MIS_A_JOUR, "nom_recherche", "updated_at"],
                    **self._historique(par),
                )
                # bulk_update sends no post_save: the name copied onto their parcours follows here.
                recopier_noms(Parcours.objects.filter(beneficiaire__in=self.a_mettre_a_jour))
            if self.droits_a_noter:
                bulk_update_with_history(self.droits_a_noter, Parcours, CHAMPS_DROIT, **self._historique(par))
            enregistrer_parcours(
                [self._parcours(b, ligne, import_fichier) for b, ligne in self.parcours_a_ouvrir], par, self.maintenant
            )
            if import_fichier is not None:
                etats.battre(import_fichier, jeton, **avancement)

    def _historique(self, par) -> dict:
        return {"default_user": par, "default_change_reason": RAISON_HISTORIQUE, "default_date": self.maintenant}

    @staticmethod
    def _parcours(beneficiaire, ligne, import_fichier) -> Parcours:
        # The import that opened it: its result page links to the people it created.
        return Parcours(
            import_fichier=import_fichier,
            beneficiaire=beneficiaire,
            mdd_id=ligne.mdd_id,
            date_ouverture_droit=ligne.date_ouverture_droit,
            date_entree=ligne.date_ouverture_droit,
            nom_tri=beneficiaire.nom_recherche,
            etat_droit=ligne.etat_droit or "",
            motif_etat_droit=ligne.motif_etat_droit,
            date_etat_droit=ligne.date_etat_droit,
        )


def _champs(ligne: LigneValide) -> dict:
    return {
        "nom": ligne.nom,
        "prenom": ligne.prenom,
        "date_naissance": ligne.date_naissance,
        "commune_id": ligne.commune_id,
        "sexe": ligne.sexe,
    }


def _droit_change(parcours, ligne) -> bool:
    return (parcours.etat_droit, parcours.motif_etat_droit, parcours.date_etat_droit) != (
        ligne.etat_droit,
        ligne.motif_etat_droit,
        ligne.date_etat_droit,
    )


def _dernier(parcours: list[Parcours]):
    connus = [p for p in parcours if p.pk]
    return max(connus, key=lambda p: p.date_ouverture_droit) if connus else None


def _beneficiaires_existants(valides: list[LigneValide]) -> dict[tuple, Beneficiaire]:
    if not valides:
        return {}
    cles = {ligne.cle for ligne in valides}
    trouves = Beneficiaire.objects.filter(numero_allocataire__in={ligne.numero_allocataire for ligne in valides}).only(
        "pk", "organisme_payeur", "numero_allocataire", "qualite", *CHAMPS_MIS_A_JOUR, "nom_recherche"
    )
    return {cle: b for b in trouves if (cle := (b.organisme_payeur, b.numero_allocataire, b.qualite)) in cles}


def _parcours_existants(beneficiaires) -> dict[int, list[Parcours]]:
    ids = [b.pk for b in beneficiaires]
    resultat: dict[int, list[Parcours]] = {}
    if not ids:
        return resultat
    for parcours in Parcours.objects.filter(beneficiaire_id__in=ids).only(
        "pk", "beneficiaire_id", "date_sortie", "date_ouverture_droit", *CHAMPS_DROIT
    ):
        resultat.setdefault(parcours.beneficiaire_id, []).append(parcours)
    return resultat


def _doit_ouvrir_parcours(parcours: list[Parcours], date_ouverture_droit: datetime.date) -> bool:
    """Never a second open parcours; a new one only for a right opened after the last exit."""
    if any(p.date_sortie is None for p in parcours):
        return False
    return all(p.date_sortie < date_ouverture_droit for p in parcours)


def enregistrer_parcours(parcours: list[Parcours], par, maintenant) -> None:
    if parcours:
        bulk_create_with_history(
            parcours, Parcours, default_user=par, default_change_reason=RAISON_HISTORIQUE, default_date=maintenant
        )
        # bulk_create sends no post_save: the home figures of these MDD are told here.
        invalider_accueil({p.mdd_id for p in parcours})
