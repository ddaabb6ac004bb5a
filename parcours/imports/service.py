"""The import engine: read, validate, then create or update by batches, each batch in one transaction.

`importer_entrants(flux, ...)` reads the CSV file of new entrants, `importer_flux_xml(flux, ...)` the CAF/MSA
XML flow of beneficiaries, `importer_fichier` either one by its first bytes. They are called by the management
command, the background task and the page's preview (dry run). See parcours.imports.format for the CSV format
and parcours.imports.xml_cnaf for the XML subset read.

No error met in the middle of a file refuses the whole file: what cannot be read refuses only its line (CSV) or
its household (XML), so a run never stops half-way for a reason a new run would meet again. The only
whole-file refusals (not a CSV or XML file, a missing column, a malformed XML document) are raised before the
first batch is written: for XML, the document is read through once before anything is written.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, connection

from pacte.models import ImportFichier
from parcours.imports import etats
from parcours.imports.ecriture import Lot
from parcours.imports.format import EnTete, FichierInvalide, LigneIgnoree, LigneRefusee, LigneValide
from parcours.imports.lecture import Lecteur
from parcours.imports.validation import Referentiel, valider_ligne
from parcours.imports.xml_cnaf import LecteurXML, est_du_xml
from parcours.models import Beneficiaire, Parcours

TAILLE_LOT = 1000
# After this many batches, PostgreSQL statistics are refreshed: a bulk load into a small table
# otherwise leaves the planner scanning whole tables for the look-ups of each batch.
LOTS_ENTRE_ANALYSES = 20
LIMITE_REFUS_APERCU = 200
ERREUR_INATTENDUE = (
    "Erreur inattendue pendant l'enregistrement (le détail est dans le journal du serveur) : "
    "l'import peut être repris, il continuera après le dernier lot enregistré."
)
logger = logging.getLogger(__name__)
MEME_PERSONNE = "même organisme, numéro allocataire et qualité"


class FichierSansDonnees(FichierInvalide):
    """Only a header (or an empty flow): nothing to import, which is said, not reported as a finished import."""


@dataclass
class Bilan:
    crees: int = 0
    mis_a_jour: int = 0
    inchanges: int = 0
    refuses: int = 0
    ignores: int = 0
    parcours_ouverts: int = 0
    droits_changes: int = 0
    derniere_ligne: int = 0
    refus: list[LigneRefusee] = field(default_factory=list)

    COMPTEURS = ("crees", "mis_a_jour", "inchanges", "refuses", "ignores", "parcours_ouverts", "droits_changes")

    @property
    def compteurs(self) -> dict:
        return {nom: getattr(self, nom) for nom in self.COMPTEURS}

    @property
    def lignes_traitees(self) -> int:
        return self.crees + self.mis_a_jour + self.inchanges + self.refuses + self.ignores

    def noter_refus(self, refus: LigneRefusee, garder: int):
        self.refuses += 1
        if len(self.refus) < garder:
            self.refus.append(refus)


class SourceCSV:
    """The CSV file of new entrants, one record per line."""

    nature = ImportFichier.Nature.ENTRANTS
    vide = "Le fichier ne contient que la ligne d'en-tête : aucune personne à importer, rien n'a été enregistré."

    def __init__(self, flux):
        self.lecteur = Lecteur(flux)
        self.en_tete = EnTete.lire(self.lecteur.en_tete)
        self.champs = {"encodage": self.lecteur.libelle_encodage, "separateur": self.lecteur.separateur}

    def enregistrements(self, ref):
        for numero, valeurs, erreur in self.lecteur.lignes():
            if erreur:
                yield numero, LigneRefusee(numero, [("", erreur)], valeurs)
            else:
                yield numero, valider_ligne(numero, valeurs, self.en_tete, ref)

    def verifier(self):
        """Nothing in a CSV file refuses it once its header is read."""

    def detacher(self):
        self.lecteur.detacher()


class SourceXML:
    """The CAF/MSA XML flow, one record per member (demandeur, conjoint) of each household."""

    nature = ImportFichier.Nature.BENEFICIAIRES_XML
    vide = "Le flux ne contient aucun foyer : aucune personne à importer, rien n'a été enregistré."

    def __init__(self, flux):
        self.lecteur = LecteurXML(flux)
        self.champs = {"encodage": "XML", "separateur": ""}

    def enregistrements(self, ref):
        return self.lecteur.membres(ref)

    def verifier(self):
        self.lecteur.verifier()

    def detacher(self):
        pass


def nature_du_fichier(flux) -> str:
    debut = flux.read(1024)
    flux.seek(0)
    return ImportFichier.Nature.BENEFICIAIRES_XML if est_du_xml(debut) else ImportFichier.Nature.ENTRANTS


def ouvrir(flux):
    """The source of a binary stream, told by its first bytes: an XML document or a CSV file."""
    debut = flux.read(1024)
    flux.seek(0)
    return SourceXML(flux) if est_du_xml(debut) else SourceCSV(flux)


def verifier_fichier(flux) -> None:
    """Refuse the whole file (FichierInvalide) now if it is to be refused, before any record is created for it:
    unreadable, a missing column, a malformed XML document, or no data at all."""
    source = ouvrir(flux)
    try:
        source.verifier()
        if next(iter(source.enregistrements(Referentiel.charger())), None) is None:
            raise FichierSansDonnees(source.vide)
    finally:
        source.detacher()
        flux.seek(0)


def importer_fichier(flux, **options) -> Bilan:
    return _importer(ouvrir(flux), **options)


def importer_entrants(flux, **options) -> Bilan:
    return _importer(SourceCSV(flux), **options)


def importer_flux_xml(flux, **options) -> Bilan:
    return _importer(SourceXML(flux), **options)


def _importer(
    source,
    *,
    import_fichier: ImportFichier | None = None,
    jeton: str = "",
    dry_run: bool = False,
    par=None,
    taille_lot: int | None = None,
    progression: Callable[[int], None] | None = None,
    sur_refus: Callable[[LigneRefusee], None] | None = None,
    garder_refus: int = LIMITE_REFUS_APERCU,
    aujourdhui: datetime.date | None = None,
) -> Bilan:
    """Import a source. Raises FichierInvalide when the whole file is refused, before anything is written.

    With `import_fichier` (and not a dry run), the run takes the file's lock (etats.demarrer, unless the caller
    did and passes its `jeton`), starts after its `derniere_ligne` and records, in the transaction of each
    batch, the batch's last record and the counters: a crash loses at most the batch in progress, entirely,
    and a new call resumes where it stopped. On any error the import is left interrompu, to be resumed.
    """
    ecrire = import_fichier is not None and not dry_run
    taille_lot = taille_lot or TAILLE_LOT
    ref = Referentiel.charger(aujourdhui)
    try:
        if ecrire:
            source.verifier()
            jeton = jeton or etats.demarrer(import_fichier, par=par)
            ImportFichier.objects.filter(pk=import_fichier.pk).update(**source.champs)
        bilan = _bilan_de_depart(import_fichier if ecrire else None)
        try:
            _parcourir(
                source,
                ref,
                bilan,
                import_fichier if ecrire else None,
                jeton,
                dry_run,
                par,
                taille_lot,
                progression,
                sur_refus,
                garder_refus,
            )
        finally:
            source.detacher()
        if bilan.lignes_traitees == 0:
            raise FichierSansDonnees(source.vide)
    except etats.ExecutionRemplacee:
        raise
    except BaseException as exc:
        if ecrire and jeton:
            # The page shows this message: a technical error (often in English) stays in the server's log.
            message = str(exc) if isinstance(exc, FichierInvalide) else ERREUR_INATTENDUE
            logger.exception("Import n° %s interrompu", import_fichier.pk)
            etats.interrompre(import_fichier, jeton, erreur=message, par=par)
        raise
    if ecrire:
        etats.terminer(import_fichier, jeton, compteurs=bilan.compteurs, par=par)
    return bilan


def _bilan_de_depart(import_fichier) -> Bilan:
    bilan = Bilan()
    if import_fichier is not None:
        for nom, valeur in (import_fichier.compteurs or {}).items():
            if nom in Bilan.COMPTEURS:
                setattr(bilan, nom, valeur)
        bilan.derniere_ligne = import_fichier.derniere_ligne
    return bilan


def _parcourir(source, ref, bilan, import_fichier, jeton, dry_run, par, taille_lot, progression, sur_refus, garder):
    reprise = bilan.derniere_ligne
    _rafraichir_statistiques()
    lot: list[tuple[int, LigneValide | LigneRefusee]] = []
    nb_lots = 0
    for numero, resultat in source.enregistrements(ref):
        if numero <= reprise:
            continue
        lot.append((numero, resultat))
        if len(lot) >= taille_lot:
            _traiter_lot(lot, bilan, import_fichier, jeton, dry_run, par, sur_refus, garder)
            lot = []
            nb_lots += 1
            if nb_lots % LOTS_ENTRE_ANALYSES == 0 and not dry_run:
                _rafraichir_statistiques()
            if progression:
                progression(bilan.derniere_ligne)
    if lot:
        _traiter_lot(lot, bilan, import_fichier, jeton, dry_run, par, sur_refus, garder)
        if progression:
            progression(bilan.derniere_ligne)


def _traiter_lot(lot, bilan, import_fichier, jeton, dry_run, par, sur_refus, garder_refus):
    valides: list[LigneValide] = []
    premiere_ligne: dict[tuple, int] = {}
    for numero, resultat in lot:
        if isinstance(resultat, LigneValide) and resultat.cle in premiere_ligne:
            resultat = LigneRefusee(
                numero,
                [
                    (
                        "",
                        f"doublon de la ligne {premiere_ligne[resultat.cle]} ({MEME_PERSONNE})",
                    )
                ],
                [],
                resultat.numero_allocataire,
                lieu=resultat.lieu,
            )
        if isinstance(resultat, LigneIgnoree):
            bilan.ignores += 1
            continue
        if isinstance(resultat, LigneRefusee):
            bilan.noter_refus(resultat, garder_refus)
            if sur_refus:
                sur_refus(resultat)
            continue
        premiere_ligne[resultat.cle] = numero
        valides.append(resultat)
    ecriture = Lot(valides, bilan)
    bilan.derniere_ligne = lot[-1][0]
    if not dry_run:
        avancement = {"derniere_ligne": bilan.derniere_ligne, "compteurs": bilan.compteurs}
        ecriture.enregistrer(import_fichier, jeton, par, avancement)


def _rafraichir_statistiques() -> None:
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Beneficiaire._meta.db_table}, {Parcours._meta.db_table}")
    except DatabaseError:
        # Not the owner of the tables: the import still works, only slower on a bulk load.
        pass
