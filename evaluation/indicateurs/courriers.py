"""The «Invitations et convocations» group (fiches_courriers), computed from courriers.indicateurs' counts.

courriers counts over the parcours in scope (perimetres: MDD and territory at the observation date); this module
turns counts into figures, once for the total and once per MDD for the breakdowns (the same function), so that a
figure and its breakdown cannot disagree. Four aggregate queries.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, F, IntegerField, When

from courriers import indicateurs as comptes_courriers
from courriers.choices import Canal
from evaluation.indicateurs.base import UN_DIXIEME, pourcentage
from evaluation.indicateurs.perimetres import mdd_le, transferts_apres

# Per MDD, the figures whose fiche publishes a breakdown.
VENTILES = ("invitations_envoyees", "part_invitations_reservees", "convocations", "taux_absence_convocations")


def cle_mdd(fin: datetime.date):
    """The key of a breakdown by MDD: the MDD of the parcours (reached by `chemin`) on `fin`, rebuilt from the
    transfers for the few parcours moved since (the same rule as perimetres.parcours_du_perimetre)."""
    deplaces = transferts_apres(fin).values("parcours")

    def cle(chemin: str):
        return Case(
            When(**{f"{chemin}__in": deplaces}, then=mdd_le(fin, chemin)),
            default=F(f"{chemin}__mdd_id"),
            output_field=IntegerField(),
        )

    return cle


def fusionner(*resultats: dict) -> dict:
    """{key: counts} of several queries merged into one dict of counts per key."""
    fusion: dict = {}
    for resultat in resultats:
        for cle, valeurs in resultat.items():
            fusion.setdefault(cle, {}).update(valeurs)
    return fusion


def additionner(lignes: list[dict]) -> dict:
    """The counts of several MDDs summed (a territory's); a missing count is 0."""
    total: dict = {}
    for ligne in lignes:
        for k, v in ligne.items():
            if v is not None:
                total[k] = total[k] + v if k in total else v
    return total


def comptes(debut, fin, parcours=None, cle=None) -> dict:
    canaux = {
        k: {f"canal_{c}": n for c, n in v.items()}
        for k, v in comptes_courriers.invitations_par_canal(debut, fin, parcours, cle).items()
    }
    return fusionner(
        comptes_courriers.invitations(debut, fin, parcours, cle),
        canaux,
        comptes_courriers.delais_invitation_rendez_vous(debut, fin, parcours, cle),
        comptes_courriers.convocations(debut, fin, parcours, cle),
    )


def jours_moyens(total: datetime.timedelta | None, nombre: int) -> Decimal | None:
    """A mean of durations in days, to one decimal (a slot booked 36 hours after the invitation: 1.5 days)."""
    if not nombre or total is None:
        return None
    return (Decimal(total.total_seconds()) / 86400 / nombre).quantize(UN_DIXIEME, ROUND_HALF_UP)


def figures(n: dict) -> dict:
    """The figures of the fiches from one key's counts (a missing count is a true 0)."""
    g = lambda k: n.get(k) or 0  # noqa: E731
    return {
        "invitations_envoyees": g("invitations"),
        "personnes_invitees": g("personnes"),
        **{f"invitations_canal_{c.value}": g(f"canal_{c.value}") for c in Canal},
        "part_invitations_reservees": pourcentage(g("reservees"), g("invitations")),
        "delai_invitation_rendez_vous_moyen": jours_moyens(n.get("total"), g("nombre")),
        "convocations": g("convocations"),
        "taux_absence_convocations": pourcentage(g("absents"), g("notees")),
    }


def indicateurs_courriers(c, parcours, debut, fin):
    for code, valeur in figures(comptes(debut, fin, parcours)[None]).items():
        c.ajouter(code, valeur)
