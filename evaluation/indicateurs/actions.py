"""The «Actions» group: participants, occupancy, prescriptions, exits, budget and payments (fiches_actions)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum

from evaluation.indicateurs.base import Filtres, euros, pourcentage
from evaluation.indicateurs.perimetres import actions_du_perimetre, prescriptions_du_perimetre
from pacte.choices import TypeSortie
from parcours.choices import EtatPrescription
from parcours.models import Prescription
from partenaires.models import Financement, Versement

# States in which a person was «in» the action. A refusal, or an abandon before the entry, never was; an abandon
# after the entry ends the presence on its date (date_sortie), or on the entry day when it carries no date.
ETATS_EN_ACTION = (EtatPrescription.ENTREE, EtatPrescription.SORTIE)
CENT = Decimal(100)
ALERTE_DEPASSEMENT = "Au-delà de 100 % : plus de présences que de places conventionnées."


def present_dans_la_periode(debut, fin, prefixe: str = "") -> Q:
    """The prescription's presence, bounded by its action's own dates, meets the period [debut, fin]."""
    p = prefixe

    def q(**criteres):
        return Q(**{f"{p}{cle}": valeur for cle, valeur in criteres.items()})

    sortie_datee = q(date_sortie__gte=debut) & q(date_sortie__gte=F(f"{p}action__date_debut"))
    toujours_la = q(etat__in=ETATS_EN_ACTION, date_sortie__isnull=True)
    # Present on the entry day only: none at all when that day is before the action's start.
    abandon_sans_date = q(etat=EtatPrescription.ABANDON, date_sortie__isnull=True, date_entree__gte=debut) & q(
        date_entree__gte=F(f"{p}action__date_debut")
    )
    return (
        q(date_entree__isnull=False, date_entree__lte=fin, action__date_debut__lte=fin, action__date_fin__gte=debut)
        & q(date_entree__lte=F(f"{p}action__date_fin"))
        & (sortie_datee | toujours_la | abandon_sans_date)
    )


def present_le(jour, prefixe: str = "") -> Q:
    """The prescription's person is in the action on `jour` (entered on or before, out after, or not out yet)."""
    p = prefixe
    return Q(**{f"{p}date_entree__lte": jour}) & (
        Q(**{f"{p}etat__in": ETATS_EN_ACTION, f"{p}date_sortie__isnull": True}) | Q(**{f"{p}date_sortie__gt": jour})
    )


def actions_en_cours_le(actions: QuerySet, jour) -> QuerySet:
    return actions.filter(date_debut__lte=jour, date_fin__gte=jour, places__gt=0)


def indicateurs_actions(c, filtres: Filtres, debut, fin):
    actions = actions_du_perimetre(filtres)
    participants = _participation_et_sorties(c, filtres, debut, fin)
    _occupation(c, actions, fin)
    _budget(c, filtres, actions, debut, fin, participants)


def _participation_et_sorties(c, filtres, debut, fin) -> int:
    chiffres = prescriptions_du_perimetre(filtres, fin).aggregate(
        participants=Count("parcours__beneficiaire", distinct=True, filter=present_dans_la_periode(debut, fin)),
        **{
            f"etat_{e.value}": Count("pk", filter=Q(etat=e.value, date_proposition__range=(debut, fin)))
            for e in EtatPrescription
        },
        **{
            f"sortie_{t.value}": Count("pk", filter=Q(type_sortie=t.value, date_sortie__range=(debut, fin)))
            for t in TypeSortie
        },
    )
    c.ajouter("participants", chiffres["participants"])
    for e in EtatPrescription:
        c.ajouter(f"prescriptions_{e.value}", chiffres[f"etat_{e.value}"])
    total_sorties = 0
    for t in TypeSortie:
        total_sorties += chiffres[f"sortie_{t.value}"]
        c.ajouter(f"sorties_action_{t.value}", chiffres[f"sortie_{t.value}"])
    emploi = sum(chiffres[f"sortie_{t}"] for t in TypeSortie.vers_emploi())
    c.ajouter("taux_sorties_emploi", pourcentage(emploi, total_sorties))
    return chiffres["participants"]


def _occupation(c, actions, fin):
    # The same actions on both sides: those running on the last day, with places; their presences that day.
    en_cours = actions_en_cours_le(actions, fin)
    places = en_cours.aggregate(places=Sum("places"))["places"]
    presents = Prescription.objects.filter(present_le(fin), action__in=en_cours).count() if places else 0
    taux = pourcentage(presents, places)
    c.ajouter("taux_occupation", taux, alerte=ALERTE_DEPASSEMENT if taux is not None and taux > CENT else "")


def _budget(c, filtres, actions, debut, fin, participants):
    financements = Financement.objects.all()
    if not filtres.est_vide():
        # A financement without action has no thematic nor territory: it belongs only to the whole pact.
        financements = financements.filter(Exists(actions.filter(financement=OuterRef("pk"))))
    en_cours = financements.filter(date_debut__lte=fin, date_fin__gte=debut).aggregate(
        nombre=Count("pk"), conventionne=Sum("montant_conventionne")
    )
    versements = Versement.objects.filter(date__range=(debut, fin))
    if not filtres.est_vide():
        versements = versements.filter(financement__in=financements)
    verse = versements.aggregate(nombre=Count("pk"), total=Sum("montant"))
    conventionne = euros(en_cours["conventionne"]) if en_cours["nombre"] else None
    montant_verse = euros(verse["total"] or 0) if en_cours["nombre"] or verse["nombre"] else None
    c.ajouter("budget_conventionne", conventionne)
    c.ajouter("budget_verse", montant_verse)
    taux = pourcentage(montant_verse, conventionne) if montant_verse is not None else None
    c.ajouter("taux_consommation", taux, alerte=ALERTE_DEPASSEMENT if taux is not None and taux > CENT else "")
    cout = euros(montant_verse / participants) if montant_verse is not None and participants else None
    c.ajouter("cout_par_participant", cout)
