"""PDF rendering with WeasyPrint: DSFR-like print styles, no network access (no external resource)."""

from django.template.loader import render_to_string

from evaluation.indicateurs import fiches, valeur_depuis_json


def rendre_pdf(template: str, contexte: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, contexte)
    return HTML(string=html, base_url=None).write_pdf()


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
