"""PDF rendering with WeasyPrint, in the operator's identity (pacte.marque: the département's colours, logo and font
for a «collectivite» operator; the State's for an «etat» one), no network access (no external resource)."""

from django.template.loader import render_to_string

from evaluation.indicateurs import fiches, valeur_depuis_json
from pacte.marque import identite


def html_du_pdf(template: str, contexte: dict) -> str:
    """The HTML WeasyPrint is given: the template in the operator's identity."""
    return render_to_string(template, {"marque": identite(), **contexte})


def rendre_pdf(template: str, contexte: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_du_pdf(template, contexte), base_url=None).write_pdf()


def lignes_indicateurs(indicateurs_json: dict) -> list[dict]:
    """Frozen indicators (JSON) grouped for display, each value back to its Python type."""
    groupes: dict[str, list] = {}
    for code, ind in indicateurs_json.items():
        groupes.setdefault(ind.get("groupe", ""), []).append(
            {
                "code": code,
                "libelle": ind["libelle"],
                "valeur": valeur_depuis_json(ind["valeur"]),
                "unite": ind["unite"],
            }
        )
    return [{"groupe": groupe, "indicateurs": lignes} for groupe, lignes in groupes.items()]


def pdf_du_bilan(bilan, instantane: dict, date_deliberation, numero_deliberation) -> bytes:
    return rendre_pdf(
        "evaluation/pdf/bilan.html",
        {
            "bilan": bilan,
            "instantane": instantane,
            "groupes": lignes_indicateurs(instantane["indicateurs"]),
            # The definitions frozen with the figures (bilans approved before the catalogue: today's).
            "fiches": list(instantane.get("fiches", {}).values()) or fiches(instantane["indicateurs"]),
            "date_deliberation": date_deliberation,
            "numero_deliberation": numero_deliberation,
        },
    )
