"""The import engine: validate, then create or update by batches, each batch in one transaction.

`importer_entrants(flux, ...)` is called by the management command, the background task and the
page's preview (dry run). See parcours.imports.format for the file format and the rules.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from pacte.models import ImportFichier
from pacte.text import normaliser
from parcours.accueil import invalider_accueil
from parcours.faits import recopier_noms
from parcours.imports.format import EnTete, LigneRefusee, LigneValide, Referentiel, valider_ligne
from parcours.imports.lecture import Lecteur
from parcours.models import Beneficiaire, Parcours

TAILLE_LOT = 1000
# After this many batches, PostgreSQL statistics are refreshed: a bulk load into a small table
# otherwise leaves the planner scanning whole tables for the look-ups of each batch.
LOTS_ENTRE_ANALYSES = 20
LIMITE_REFUS_APERCU = 200
CHAMPS_MIS_A_JOUR = ["nom", "prenom", "date_naissance", "commune_id", "sexe"]
RAISON_HISTORIQUE = "Import du flux des entrants CAF/MSA"


@dataclass
class Bilan:
    crees: int = 0
    mis_a_jour: int = 0
    inchanges: int = 0
    refuses: int = 0
    parcours_ouverts: int = 0
    derniere_ligne: int = 0
    refus: list[LigneRefusee] = field(default_factory=list)

    COMPTEURS = ("crees", "mis_a_jour", "inchanges", "refuses", "parcours_ouverts")

    @property
    def compteurs(self) -> dict:
        return {nom: getattr(self, nom) for nom in self.COMPTEURS}

    @property
    def lignes_traitees(self) -> int:
        return self.crees + self.mis_a_jour + self.inchanges + self.refuses

    def noter_refus(self, refus: LigneRefusee, garder: int):
        self.refuses += 1
        if len(self.refus) < garder:
            self.refus.append(refus)


def importer_entrants(
    flux,
    *,
    import_fichier: ImportFichier | None = None,
    dry_run: bool = False,
    par=None,
    taille_lot: int = TAILLE_LOT,
    progression: Callable[[int], None] | None = None,
    sur_refus: Callable[[LigneRefusee], None] | None = None,
    garder_refus: int = LIMITE_REFUS_APERCU,
    aujourdhui: datetime.date | None = None,
) -> Bilan:
    """Import a binary stream. Raises FichierInvalide when the whole file is refused (nothing written).

    With `import_fichier` (and not a dry run), starts after its `derniere_ligne` and records, in the
    transaction of each batch, the batch's last line and the counters: a crash loses at most the
    batch in progress, entirely, and a new call resumes where it stopped.
    """
    lecteur = Lecteur(flux)
    en_tete = EnTete.lire(lecteur.en_tete)
    ref = Referentiel.charger(aujourdhui)
    reprise = 0
    bilan = Bilan()
    if import_fichier is not None and not dry_run:
        reprise = import_fichier.derniere_ligne
        for nom, valeur in (import_fichier.compteurs or {}).items():
            if nom in Bilan.COMPTEURS:
                setattr(bilan, nom, valeur)
        bilan.derniere_ligne = reprise
        ImportFichier.objects.filter(pk=import_fichier.pk).update(
            etat=ImportFichier.Etat.EN_COURS,
            encodage=lecteur.libelle_encodage,
            separateur=lecteur.separateur,
            erreur="",
        )
    try:
        _rafraichir_statistiques()
        lot: list[tuple[int, list[str]]] = []
        nb_lots = 0
        for numero, valeurs in lecteur.lignes():
            if numero <= reprise:
                continue
            lot.append((numero, valeurs))
            if len(lot) >= taille_lot:
                _traiter_lot(lot, en_tete, ref, bilan, import_fichier, dry_run, par, sur_refus, garder_refus)
                lot = []
                nb_lots += 1
                if nb_lots % LOTS_ENTRE_ANALYSES == 0 and not dry_run:
                    _rafraichir_statistiques()
                if progression:
                    progression(bilan.derniere_ligne)
        if lot:
            _traiter_lot(lot, en_tete, ref, bilan, import_fichier, dry_run, par, sur_refus, garder_refus)
            if progression:
                progression(bilan.derniere_ligne)
    finally:
        lecteur.detacher()
    if import_fichier is not None and not dry_run:
        ImportFichier.objects.filter(pk=import_fichier.pk).update(
            etat=ImportFichier.Etat.TERMINE, compteurs=bilan.compteurs, updated_at=timezone.now()
        )
    return bilan


def _traiter_lot(lot, en_tete, ref, bilan, import_fichier, dry_run, par, sur_refus, garder_refus):
    valides: list[LigneValide] = []
    premiere_ligne: dict[tuple, int] = {}
    for numero, valeurs in lot:
        resultat = valider_ligne(numero, valeurs, en_tete, ref)
        if isinstance(resultat, LigneValide) and resultat.cle in premiere_ligne:
            resultat = LigneRefusee(
                numero,
                [
                    (
                        en_tete.noms_colonnes["numero_allocataire"],
                        f"doublon de la ligne {premiere_ligne[resultat.cle]} "
                        "(même organisme, numéro allocataire et qualité)",
                    )
                ],
                valeurs,
                resultat.numero_allocataire,
            )
        if isinstance(resultat, LigneRefusee):
            bilan.noter_refus(resultat, garder_refus)
            if sur_refus:
                sur_refus(resultat)
            continue
        premiere_ligne[resultat.cle] = numero
        valides.append(resultat)

    existants = _beneficiaires_existants(valides)
    parcours_par_personne = _parcours_existants(existants.values())
    maintenant = timezone.now()
    nouveaux, a_mettre_a_jour, parcours_a_ouvrir = [], [], []
    for ligne in valides:
        beneficiaire = existants.get(ligne.cle)
        if beneficiaire is None:
            beneficiaire = Beneficiaire(
                organisme_payeur=ligne.organisme,
                numero_allocataire=ligne.numero_allocataire,
                qualite=ligne.qualite,
                **_champs(ligne),
            )
            beneficiaire.nom_recherche = normaliser(f"{ligne.nom} {ligne.prenom}")
            nouveaux.append(beneficiaire)
            parcours_a_ouvrir.append((beneficiaire, ligne))
            bilan.crees += 1
            continue
        champs = _champs(ligne)
        if not ligne.sexe:
            champs.pop("sexe")
        if any(getattr(beneficiaire, nom) != valeur for nom, valeur in champs.items()):
            for nom, valeur in champs.items():
                setattr(beneficiaire, nom, valeur)
            beneficiaire.nom_recherche = normaliser(f"{beneficiaire.nom} {beneficiaire.prenom}")
            beneficiaire.updated_at = maintenant
            a_mettre_a_jour.append(beneficiaire)
            bilan.mis_a_jour += 1
        else:
            bilan.inchanges += 1
        if _doit_ouvrir_parcours(parcours_par_personne.get(beneficiaire.pk, []), ligne.date_ouverture_droit):
            parcours_a_ouvrir.append((beneficiaire, ligne))
            # Another line of the same batch must not open it a second time.
            parcours_par_personne.setdefault(beneficiaire.pk, []).append((None, ligne.date_ouverture_droit))
    bilan.parcours_ouverts += len(parcours_a_ouvrir)
    bilan.derniere_ligne = lot[-1][0]
    if dry_run:
        return
    with transaction.atomic():
        if nouveaux:
            bulk_create_with_history(
                nouveaux,
                Beneficiaire,
                default_user=par,
                default_change_reason=RAISON_HISTORIQUE,
                default_date=maintenant,
            )
        if a_mettre_a_jour:
            bulk_update_with_history(
                a_mettre_a_jour,
                Beneficiaire,
                [*CHAMPS_MIS_A_JOUR, "nom_recherche", "updated_at"],
                default_user=par,
                default_change_reason=RAISON_HISTORIQUE,
                default_date=maintenant,
            )
            # bulk_update sends no post_save: the name copied onto their parcours follows here.
            recopier_noms(Parcours.objects.filter(beneficiaire__in=a_mettre_a_jour))
        _enregistrer_parcours(
            [
                Parcours(
                    beneficiaire=beneficiaire,
                    mdd_id=ligne.mdd_id,
                    date_ouverture_droit=ligne.date_ouverture_droit,
                    date_entree=ligne.date_ouverture_droit,
                    nom_tri=beneficiaire.nom_recherche,
                    import_fichier=import_fichier,
                )
                for beneficiaire, ligne in parcours_a_ouvrir
            ],
            par,
            maintenant,
        )
        if import_fichier is not None:
            ImportFichier.objects.filter(pk=import_fichier.pk).update(
                derniere_ligne=bilan.derniere_ligne, compteurs=bilan.compteurs, updated_at=maintenant
            )


def _champs(ligne: LigneValide) -> dict:
    return {
        "nom": ligne.nom,
        "prenom": ligne.prenom,
        "date_naissance": ligne.date_naissance,
        "commune_id": ligne.commune_id,
        "sexe": ligne.sexe,
    }


def _beneficiaires_existants(valides: list[LigneValide]) -> dict[tuple, Beneficiaire]:
    if not valides:
        return {}
    cles = {ligne.cle for ligne in valides}
    trouves = Beneficiaire.objects.filter(numero_allocataire__in={ligne.numero_allocataire for ligne in valides}).only(
        "pk", "organisme_payeur", "numero_allocataire", "qualite", *CHAMPS_MIS_A_JOUR, "nom_recherche"
    )
    return {cle: b for b in trouves if (cle := (b.organisme_payeur, b.numero_allocataire, b.qualite)) in cles}


def _parcours_existants(beneficiaires) -> dict[int, list[tuple]]:
    ids = [b.pk for b in beneficiaires]
    resultat: dict[int, list[tuple]] = {}
    if not ids:
        return resultat
    for beneficiaire_id, date_sortie, date_ouverture in Parcours.objects.filter(beneficiaire_id__in=ids).values_list(
        "beneficiaire_id", "date_sortie", "date_ouverture_droit"
    ):
        resultat.setdefault(beneficiaire_id, []).append((date_sortie, date_ouverture))
    return resultat


def _doit_ouvrir_parcours(parcours: list[tuple], date_ouverture_droit: datetime.date) -> bool:
    """Never a second open parcours; a new one only for a right opened after the last exit."""
    if any(date_sortie is None for date_sortie, _ in parcours):
        return False
    return all(date_sortie < date_ouverture_droit for date_sortie, _ in parcours)


def _enregistrer_parcours(parcours: list[Parcours], par, maintenant) -> None:
    if parcours:
        bulk_create_with_history(
            parcours, Parcours, default_user=par, default_change_reason=RAISON_HISTORIQUE, default_date=maintenant
        )
        # bulk_create sends no post_save: the home figures of these MDD are told here.
        invalider_accueil({p.mdd_id for p in parcours})


def _rafraichir_statistiques() -> None:
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Beneficiaire._meta.db_table}, {Parcours._meta.db_table}")
    except DatabaseError:
        # Not the owner of the tables: the import still works, only slower on a bulk load.
        pass
