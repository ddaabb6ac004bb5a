"""Exports: XLSX (typed cells), CSV as French Excel opens it (UTF-8 BOM, `;`, dd/mm/yyyy, decimal comma),
PDF, and the open-data table under statistical secrecy. Aggregates only: no named person."""

import csv
import datetime
import io
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from evaluation.formats import date_fr, nombre_fr
from evaluation.indicateurs import Filtres, actions_du_perimetre, calculer_indicateurs, parcours_du_perimetre
from evaluation.indicateurs.actions import present_dans_la_periode, present_le
from evaluation.indicateurs.perimetres import mdd_le
from evaluation.secret import SECRET, masquer
from pacte.marque import identite
from pacte.models import MDD
from pacte.tableurs import ajouter_ligne, neutraliser_formule
from parcours.choices import TypeOrientation
from parcours.models import Orientation, Prescription

ENTETES_INDICATEURS = ["Thème", "Code", "Indicateur", "Valeur", "Unité", "Début de la période", "Fin de la période"]
ENTETES_ACTIONS = [
    "Intitulé",
    "Thématique",
    "Partenaire",
    "Début",
    "Fin",
    "Statut",
    "Places conventionnées",
    "Personnes présentes à la fin de la période",
    "Participants dans la période",
    "Taux d'occupation (%)",
    "Montant conventionné (€)",
]
NON_DISPONIBLE = "non disponible"


# --- Rows ---------------------------------------------------------------------------------------


def lignes_indicateurs(debut, fin, filtres: Filtres) -> list[list]:
    return [
        [ind.groupe, ind.code, ind.libelle, ind.valeur, ind.unite, debut, fin]
        for ind in calculer_indicateurs(debut, fin, filtres).values()
    ]


def lignes_actions(debut, fin, filtres: Filtres) -> list[list]:
    """Actions running in the period, with their figures: one query (subqueries, no loop over rows)."""
    # The definitions of the fiches «taux_occupation» and «participants», action by action.
    occupants = (
        Prescription.objects.filter(present_le(fin), action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(n=Count("pk"))
        .values("n")
    )
    participants = (
        Prescription.objects.filter(present_dans_la_periode(debut, fin), action=OuterRef("pk"))
        .order_by()
        .values("action")
        .annotate(n=Count("parcours__beneficiaire", distinct=True))
        .values("n")
    )
    actions = (
        actions_du_perimetre(filtres)
        .filter(date_debut__lte=fin, date_fin__gte=debut)
        .select_related("thematique", "partenaire", "financement")
        .annotate(
            occupants=Coalesce(Subquery(occupants, output_field=IntegerField()), Value(0)),
            participants=Coalesce(Subquery(participants, output_field=IntegerField()), Value(0)),
        )
        .order_by("thematique__numero", "intitule")
    )
    lignes = []
    for a in actions:
        taux = (Decimal(a.occupants) * 100 / a.places).quantize(Decimal("0.1")) if a.places else None
        lignes.append(
            [
                a.intitule,
                str(a.thematique),
                a.partenaire.raison_sociale,
                a.date_debut,
                a.date_fin,
                a.get_statut_display(),
                a.places,
                a.occupants,
                a.participants,
                taux,
                a.financement.montant_conventionne if a.financement else None,
            ]
        )
    return lignes


def tableau_donnees_ouvertes(debut, fin, filtres: Filtres) -> dict:
    """Orientation decisions of the period by MDD and type, with totals, under statistical secrecy."""
    # The same decisions as the engine's «orientations_*», each in the MDD of its parcours on the last day.
    comptes = (
        Orientation.objects.filter(parcours__in=parcours_du_perimetre(filtres, fin), date_decision__range=(debut, fin))
        .annotate(mdd_observee=Coalesce(mdd_le(fin, "parcours"), F("parcours__mdd_id"), output_field=IntegerField()))
        .values("mdd_observee", "type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    par_cle = {(c["mdd_observee"], c["type"]): c["n"] for c in comptes}
    mdds = MDD.objects.order_by("nom")
    if filtres.mdd:
        mdds = mdds.filter(pk=filtres.mdd)
    if filtres.territoire:
        mdds = mdds.filter(territoire_id=filtres.territoire)
    mdds = list(mdds.values_list("pk", "nom"))
    types = list(TypeOrientation)
    valeurs = [[par_cle.get((pk, t.value), 0) for t in types] for pk, _ in mdds]
    cellules = masquer(valeurs) if valeurs else []
    colonnes = ["Maison du département", *[f"Orientation {t.label.lower()}" for t in types], "Total"]
    if not mdds:
        return {"colonnes": colonnes, "lignes": []}
    noms = [nom for _, nom in mdds] + ["Total"]
    lignes = [[nom, *[c.affichage for c in ligne]] for nom, ligne in zip(noms, cellules, strict=True)]
    return {"colonnes": colonnes, "lignes": lignes}


# --- Formats ------------------------------------------------------------------------------------


def _cellule_csv(valeur) -> str:
    if valeur is None:
        return NON_DISPONIBLE
    if isinstance(valeur, datetime.date):
        return date_fr(valeur)
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, int | Decimal | float):
        return nombre_fr(valeur).replace("\u202f", "")
    return neutraliser_formule(str(valeur))


def en_csv(entetes: list[str], lignes: list[list]) -> bytes:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(entetes)
    for ligne in lignes:
        ecrivain.writerow([_cellule_csv(v) for v in ligne])
    return "\ufeff".encode() + tampon.getvalue().encode("utf-8")


def _format_nombre(valeur, unite=None):
    if isinstance(valeur, int):
        return "#,##0"
    if unite == "€":
        return "#,##0.00"
    return "#,##0.0"


def en_xlsx(titre: str, entetes: list[str], lignes: list[list], unites_colonne: int | None = None) -> bytes:
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = titre[:31]
    ajouter_ligne(feuille, entetes)
    # The header row in the operator's colour (white on it reads at 4.5:1 at least: pacte.marque).
    couleur = identite().couleur_des_documents.lstrip("#")
    for cellule in feuille[1]:
        cellule.font = Font(bold=True, color="FFFFFF")
        cellule.fill = PatternFill("solid", fgColor=couleur)
    for ligne in lignes:
        unite = ligne[unites_colonne] if unites_colonne is not None else None
        cellules = ajouter_ligne(feuille, [NON_DISPONIBLE if v is None else v for v in ligne])
        for cellule, valeur in zip(cellules, ligne, strict=True):
            if isinstance(valeur, datetime.date):
                cellule.number_format = "DD/MM/YYYY"
            elif isinstance(valeur, int | Decimal | float) and not isinstance(valeur, bool):
                cellule.number_format = _format_nombre(valeur, unite)
    feuille.freeze_panes = "A2"
    for i, entete in enumerate(entetes, start=1):
        feuille.column_dimensions[get_column_letter(i)].width = max(12, min(60, len(entete) + 4))
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def indicateurs_en(format_: str, debut, fin, filtres: Filtres) -> bytes:
    lignes = lignes_indicateurs(debut, fin, filtres)
    if format_ == "csv":
        return en_csv(ENTETES_INDICATEURS, lignes)
    return en_xlsx("Indicateurs", ENTETES_INDICATEURS, lignes, unites_colonne=4)


def actions_en(format_: str, debut, fin, filtres: Filtres) -> bytes:
    lignes = lignes_actions(debut, fin, filtres)
    if format_ == "csv":
        return en_csv(ENTETES_ACTIONS, lignes)
    return en_xlsx("Actions", ENTETES_ACTIONS, lignes)


def donnees_ouvertes_csv(debut, fin, filtres: Filtres) -> bytes:
    tableau = tableau_donnees_ouvertes(debut, fin, filtres)
    return en_csv(tableau["colonnes"], tableau["lignes"])


__all__ = ["SECRET", "actions_en", "donnees_ouvertes_csv", "indicateurs_en"]
