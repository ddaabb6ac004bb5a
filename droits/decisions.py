"""The decision of the president of the département, taken by an agent with a delegation, within the scale.

Refused in French, with nothing written: no delegation in force or a role the scale does not name; the delay for
observations not passed (L262-37 III); no EP opinion when the scale asks for one, or an EP without its quorum;
a rate or a duration outside the scale (R262-68, R262-68-1), above the cap for a household of more than one
person (R262-68-6). The manquement keeps the scale in force when it was opened.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from droits.choices import AvisEP, EtatManquement, NatureDecision, NatureMouvement
from droits.ep import verifier_quorum
from droits.manquements import appliquer_transition, verifier_transition
from droits.models import Decision, Delegation, DossierEP, MouvementOrganisme
from droits.regles import pas_dans_le_futur, texte_obligatoire
from parcours.calendrier import ajouter_mois

ETAT_APRES = {
    NatureDecision.SANS_SANCTION: EtatManquement.SANS_SANCTION,
    NatureDecision.SUSPENSION: EtatManquement.SUSPENDU,
    NatureDecision.REORIENTATION: EtatManquement.REORIENTE,
}


def delegation_en_vigueur(user, jour, bareme) -> Delegation:
    if user.role not in bareme.roles_delegataires:
        raise ValidationError("Votre rôle ne permet pas de décider : le barème réserve la décision aux délégataires.")
    delegation = (
        Delegation.objects.filter(utilisateur=user, date_debut__lte=jour)
        .filter(Q(date_fin__isnull=True) | Q(date_fin__gte=jour))
        .first()
    )
    if delegation is None:
        raise ValidationError(
            f"Vous n'avez pas de délégation de signature du président du conseil départemental au {jour:%d/%m/%Y}."
        )
    return delegation


def dossier_avec_avis(manquement):
    return (
        DossierEP.objects.filter(manquement=manquement)
        .exclude(avis__in=["", AvisEP.AJOURNEMENT])
        .select_related("seance")
        .order_by("-seance__date")
        .first()
    )


def _verifier_delai_et_ep(manquement, nature, date_decision):
    if manquement.date_limite_observations is None:
        raise ValidationError("La personne n'a pas été informée : aucune décision ne peut être prise.")
    if date_decision <= manquement.date_limite_observations:
        raise ValidationError(
            {
                "date_decision": "Le délai laissé à la personne pour présenter ses observations court jusqu'au "
                f"{manquement.date_limite_observations:%d/%m/%Y} : aucune décision avant son terme (art. L262-37 III)."
            }
        )
    dossier = dossier_avec_avis(manquement)
    if nature == NatureDecision.SUSPENSION and manquement.bareme.avis_ep_suspension and dossier is None:
        raise ValidationError("Le barème demande l'avis de l'équipe pluridisciplinaire avant une suspension.")
    if dossier is not None:
        verifier_quorum(dossier.seance, manquement.bareme)
    return dossier


def verifier_suspension(bareme, reiteration, *, taux, duree_mois, date_debut, date_decision, foyer_plusieurs):
    erreurs = {}
    if taux is None or not (bareme.taux_min <= taux <= bareme.taux_max):
        erreurs["taux"] = f"Le taux va de {bareme.taux_min} à {bareme.taux_max} % (art. R262-68-1)."
    elif foyer_plusieurs and taux > bareme.plafond_foyer_plusieurs:
        erreurs["taux"] = (
            f"Pour un foyer de plus d'une personne, le taux ne peut dépasser {bareme.plafond_foyer_plusieurs} % "
            "(art. R262-68-6)."
        )
    maximum = bareme.duree_max(reiteration)
    if duree_mois is None or not (bareme.duree_min_mois <= duree_mois <= maximum):
        cas = "réitéré" if reiteration else "premier manquement"
        erreurs["duree_mois"] = f"La durée va de {bareme.duree_min_mois} à {maximum} mois ({cas}, art. R262-68-1)."
    if date_debut is None or date_debut < date_decision:
        erreurs["date_debut"] = "La suspension commence au plus tôt le jour de la décision."
    if erreurs:
        raise ValidationError(erreurs)


@transaction.atomic
def decider(
    manquement,
    *,
    nature,
    par,
    date_decision,
    motivation,
    taux=None,
    duree_mois=None,
    date_debut=None,
    foyer_plusieurs_personnes=False,
    montant_mensuel=None,
) -> Decision:
    if nature not in NatureDecision.values:
        raise ValidationError({"nature": "Choisissez la décision."})
    pas_dans_le_futur(date_decision, "date_decision", "La date de la décision")
    verifier_transition(manquement, ETAT_APRES[nature])
    bareme = manquement.bareme
    delegation = delegation_en_vigueur(par, date_decision, bareme)
    dossier = _verifier_delai_et_ep(manquement, nature, date_decision)
    motivation = texte_obligatoire(motivation, "motivation", "Motivez la décision : elle figure dans le courrier.")
    suspension = nature == NatureDecision.SUSPENSION
    if suspension:
        verifier_suspension(
            bareme,
            manquement.reiteration,
            taux=taux,
            duree_mois=duree_mois,
            date_debut=date_debut,
            date_decision=date_decision,
            foyer_plusieurs=foyer_plusieurs_personnes,
        )
    decision = Decision.objects.create(
        manquement=manquement,
        nature=nature,
        date_decision=date_decision,
        decide_par=par,
        delegation=delegation,
        dossier_ep=dossier,
        motivation=motivation,
        foyer_plusieurs_personnes=bool(foyer_plusieurs_personnes),
        taux=taux if suspension else None,
        duree_mois=duree_mois if suspension else None,
        date_debut=date_debut if suspension else None,
        date_fin=ajouter_mois(date_debut, duree_mois) - datetime.timedelta(days=1) if suspension else None,
        montant_mensuel=montant_mensuel,
    )
    if suspension:
        MouvementOrganisme.objects.create(decision=decision, nature=NatureMouvement.SUSPENSION, date_effet=date_debut)
    appliquer_transition(manquement, ETAT_APRES[nature], par=par, motif=str(decision))
    return decision
