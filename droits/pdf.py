"""Letters and minutes as PDF (WeasyPrint, no network access), from the templates of droits/templates/droits/pdf.

The letters live here until a shared letters app offers templates (the convocations issue); they carry the
mentions the texts require: the facts, the possible decision and the delay (L262-37 III), the grounds and the
means of appeal (L262-47, R262-88, R262-91 CASF; R421-1 code de justice administrative).
"""

from django.template.loader import render_to_string

from droits.ep import presents
from pacte.courant import pacte_courant
from parcours.calendrier import aujourdhui


def rendre_pdf(template: str, contexte: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(template, contexte), base_url=None).write_pdf()


def _departement() -> str:
    pacte = pacte_courant()
    return pacte.departement_nom if pacte else ""


def _contexte_courrier(manquement, date_courrier=None) -> dict:
    return {
        "departement": _departement(),
        "manquement": manquement,
        "beneficiaire": manquement.parcours.beneficiaire,
        "bareme": manquement.bareme,
        "duree_max": manquement.bareme.duree_max(manquement.reiteration),
        "date_courrier": date_courrier or aujourdhui(),
    }


def courrier_information(manquement) -> bytes:
    return rendre_pdf("droits/pdf/information.html", _contexte_courrier(manquement, manquement.date_information))


def courrier_decision(decision) -> bytes:
    contexte = _contexte_courrier(decision.manquement, decision.date_decision)
    contexte.update(decision=decision, observations=list(decision.manquement.observations.all()))
    return rendre_pdf("droits/pdf/decision.html", contexte)


def courrier_rappel(decision) -> bytes:
    contexte = _contexte_courrier(decision.manquement, decision.date_remobilisation)
    contexte["decision"] = decision
    return rendre_pdf("droits/pdf/rappel.html", contexte)


def proces_verbal(seance) -> bytes:
    dossiers = list(seance.dossiers.select_related("manquement__parcours__beneficiaire", "manquement__bareme"))
    quorum = dossiers[0].manquement.bareme.quorum_ep if dossiers else None
    return rendre_pdf(
        "droits/pdf/proces_verbal.html",
        {
            "departement": _departement(),
            "seance": seance,
            "membres": list(seance.membres.all()),
            "dossiers": dossiers,
            "nombre_presents": presents(seance),
            "quorum": quorum,
        },
    )
