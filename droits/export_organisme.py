"""The file of decisions sent to the CAF or the MSA, which applies them (L262-37: the organisme payeur suspends,
lifts and pays back).

No national exchange format exists for the new regime that the département could use from here (the CAF's
flows are exchanged through its own applications): the file is the one agreed in the département's management
convention (L262-25), described here and in the README. CSV, « ; » separated, UTF-8 with BOM, one line per
movement, never sent twice (each movement is stamped with its export):

    organisme;numero_allocataire;qualite;nom;prenom;date_naissance;mouvement;date_effet;taux;duree_mois;
    date_fin_prevue;reference_decision;date_decision

Dates as JJ/MM/AAAA, the rate as a whole percentage; mouvement is suspension, levee (lifted and paid back from
date_effet) or fin (term reached without remobilisation). A cell that a spreadsheet would read as a formula
(=, +, -, @, tab, carriage return) is prefixed with an apostrophe.
"""

import csv
import io

from django.db import transaction

from droits.models import ExportOrganisme, MouvementOrganisme
from pacte.tableurs import neutraliser_formule

ENTETES = [
    "organisme",
    "numero_allocataire",
    "qualite",
    "nom",
    "prenom",
    "date_naissance",
    "mouvement",
    "date_effet",
    "taux",
    "duree_mois",
    "date_fin_prevue",
    "reference_decision",
    "date_decision",
]


def neutraliser(valeur) -> str:
    """pacte.tableurs' rule: a text that a spreadsheet would read as a formula gets a leading apostrophe."""
    return "" if valeur is None else str(neutraliser_formule(valeur))


def _date(jour) -> str:
    return f"{jour:%d/%m/%Y}" if jour else ""


def _ligne(m) -> list:
    d = m.decision
    b = d.manquement.parcours.beneficiaire
    return [
        b.organisme_payeur.upper(),
        b.numero_allocataire,
        b.qualite,
        b.nom,
        b.prenom,
        _date(b.date_naissance),
        m.nature,
        _date(m.date_effet),
        d.taux,
        d.duree_mois,
        _date(d.date_fin),
        f"D{d.pk:06d}",
        _date(d.date_decision),
    ]


def mouvements(queryset):
    return queryset.select_related("decision__manquement__parcours__beneficiaire").order_by("date_effet", "pk")


def a_envoyer(decisions_visibles, organisme):
    return MouvementOrganisme.objects.filter(
        decision__in=decisions_visibles,
        export__isnull=True,
        decision__manquement__parcours__beneficiaire__organisme_payeur=organisme,
    )


def en_csv(lignes) -> bytes:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(ENTETES)
    for m in lignes:
        ecrivain.writerow([neutraliser(v) for v in _ligne(m)])
    return "\ufeff".encode() + tampon.getvalue().encode("utf-8")


@transaction.atomic
def exporter(decisions_visibles, *, organisme, par):
    """Stamp the movements not yet sent and return (export, its lines); None when there is nothing to send."""
    lignes = list(mouvements(a_envoyer(decisions_visibles, organisme).select_for_update(of=("self",))))
    if not lignes:
        return None, []
    export = ExportOrganisme.objects.create(organisme=organisme, par=par, lignes=len(lignes))
    MouvementOrganisme.objects.filter(pk__in=[m.pk for m in lignes]).update(export=export)
    return export, lignes
