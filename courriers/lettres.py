"""Letters as PDF (WeasyPrint): one, or many merged into one file for printing, the address placed in the window of
a DL envelope (110 × 220 mm: the address block about 100 mm from the left edge and 45 to 50 mm from the top, on an
A4 sheet folded in three, as La Poste's addressing norm NF Z10-011 expects — at most six lines)."""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import formats, timezone
from weasyprint import HTML

from courriers import gabarits
from courriers.contexte import CIVILITES

# Letters rendered per WeasyPrint pass in a merged file: the layout of a chunk is freed before the next one.
LETTRES_PAR_PASSE = 100


@dataclass
class Lettre:
    expediteur: list[str]
    destinataire: list[str]
    date: str
    objet: str
    corps: str
    reference: str = ""
    mentions: list[str] = field(default_factory=list)

    @property
    def corps_html(self):
        return gabarits.en_html(self.corps)


def adresse_de(beneficiaire) -> list[str]:
    """The address block, at most six lines of 38 characters (NF Z10-011)."""
    civilite = CIVILITES.get(beneficiaire.sexe, "")
    commune = beneficiaire.commune
    lignes = [
        f"{civilite} {beneficiaire.prenom} {beneficiaire.nom.upper()}".strip(),
        beneficiaire.adresse,
        f"{commune.code_postal} {commune.nom.upper()}".strip() if commune else "",
    ]
    return [ligne[:38] for ligne in lignes if ligne][:6]


def expediteur_de(parcours, departement: str) -> list[str]:
    mdd = parcours.mdd
    lignes = [f"Département {departement}".strip() if departement else "", mdd.nom, mdd.telephone, mdd.email]
    return [ligne for ligne in lignes if ligne]


def lettre_de_message(message, departement: str) -> Lettre:
    """The letter a Message of the courrier channel holds (its text was filled when it was made)."""
    parcours = message.parcours
    return Lettre(
        expediteur=expediteur_de(parcours, departement),
        destinataire=adresse_de(parcours.beneficiaire),
        date=formats.date_format(timezone.localtime(message.created_at).date(), "j F Y"),
        objet=message.objet,
        corps=message.contenu,
        reference=f"Réf. {parcours.beneficiaire.numero_allocataire} — modèle v{message.version.numero}",
    )


def _html(lettres) -> str:
    return render_to_string("courriers/lettres.html", {"lettres": lettres})


def pdf(lettres: list[Lettre]) -> bytes:
    return HTML(string=_html(lettres)).write_pdf()


def pdf_fusionne(lettres, avancer=None) -> bytes:
    """Many letters in one PDF, laid out a chunk at a time; `avancer(fait, total)` is told after each chunk."""
    lettres = list(lettres)
    documents = []
    for debut in range(0, len(lettres), LETTRES_PAR_PASSE):
        morceau = lettres[debut : debut + LETTRES_PAR_PASSE]
        documents.append(HTML(string=_html(morceau)).render())
        if avancer:
            avancer(debut + len(morceau), len(lettres))
    if not documents:
        return b""
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
