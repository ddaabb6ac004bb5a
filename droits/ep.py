"""Équipes pluridisciplinaires (L262-39 CASF): sessions per territory, their members, agenda, attendance, opinions.

L262-39: the EP gathers professionals of insertion, of employment (France Travail), the CAF/MSA and representatives
of the beneficiaries; the département sets its composition and rules. L262-37 III: its opinion is required before a
suppression, and before a suspension when the département's scale says so (avis_ep_suspension). The quorum is the
scale's quorum_ep (a choice of the département, in its règlement of the EP).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, Max, Q, Value, When

from droits.choices import AvisEP, EtatManquement, EtatSeance, RoleMembreEP
from droits.manquements import appliquer_transition
from droits.models import DossierEP, MembreEP, SeanceEP
from droits.regles import texte_obligatoire


@transaction.atomic
def creer_seance(*, territoire, date, lieu, par) -> SeanceEP:
    if date is None:
        raise ValidationError({"date": "Indiquez la date et l'heure de la séance."})
    lieu = texte_obligatoire(lieu, "lieu", "Indiquez le lieu de la séance.")
    return SeanceEP.objects.create(territoire=territoire, date=date, lieu=lieu[:200], created_by=par)


def _planifiee(seance):
    if seance.etat != EtatSeance.PLANIFIEE:
        raise ValidationError("La séance est tenue : son ordre du jour et ses membres ne changent plus.")


@transaction.atomic
def ajouter_membre(seance, *, role, nom, utilisateur=None) -> MembreEP:
    _planifiee(seance)
    if role not in RoleMembreEP.values:
        raise ValidationError({"role": "Choisissez le rôle du membre."})
    nom = texte_obligatoire(nom or (str(utilisateur) if utilisateur else ""), "nom", "Indiquez le nom du membre.")
    if utilisateur is not None and seance.membres.filter(utilisateur=utilisateur).exists():
        raise ValidationError({"utilisateur": "Cette personne est déjà membre de la séance."})
    return MembreEP.objects.create(seance=seance, role=role, nom=nom[:150], utilisateur=utilisateur)


@transaction.atomic
def inscrire_dossier(seance, manquement, *, par) -> DossierEP:
    """Put a manquement on the agenda: the person has been informed, and lives in the session's territory."""
    _planifiee(seance)
    if manquement.parcours.mdd.territoire_id != seance.territoire_id:
        raise ValidationError("Ce manquement relève d'un autre territoire que celui de la séance.")
    if manquement.etat != EtatManquement.INFORME:
        raise ValidationError("Seul un manquement dont la personne a été informée peut être inscrit à l'ordre du jour.")
    ordre = (seance.dossiers.aggregate(m=Max("ordre"))["m"] or 0) + 1
    dossier = DossierEP.objects.create(seance=seance, manquement=manquement, ordre=ordre)
    appliquer_transition(manquement, EtatManquement.EN_EP, par=par, motif=str(seance))
    return dossier


@transaction.atomic
def retirer_dossier(dossier, *, par) -> None:
    _planifiee(dossier.seance)
    appliquer_transition(dossier.manquement, EtatManquement.INFORME, par=par, motif="Retiré de l'ordre du jour")
    dossier.delete()


@transaction.atomic
def enregistrer_presences(seance, presents_ids) -> int:
    presents_ids = set(presents_ids)
    inconnus = presents_ids - set(seance.membres.values_list("pk", flat=True))
    if inconnus:
        raise ValidationError("Un membre présent n'est pas membre de cette séance.")
    seance.membres.update(present=Case(When(pk__in=presents_ids, then=Value(True)), default=Value(False)))
    return len(presents_ids)


def presents(seance) -> int:
    return seance.membres.filter(present=True).count()


def verifier_quorum(seance, bareme) -> None:
    """Refused in French when fewer members are present than the scale's quorum: nothing is written."""
    nombre = presents(seance)
    if nombre < bareme.quorum_ep:
        raise ValidationError(
            f"Le quorum n'est pas atteint : {nombre} membre(s) présent(s) pour {bareme.quorum_ep} requis "
            "par le règlement de l'équipe pluridisciplinaire. Aucun avis ne peut être rendu."
        )


def _verifier_proposition(bareme, reiteration, avis, taux, duree):
    if avis != AvisEP.SUSPENSION:
        return
    if taux is None or not (bareme.taux_min <= taux <= bareme.taux_max):
        raise ValidationError({"taux_propose": f"Le taux proposé va de {bareme.taux_min} à {bareme.taux_max} %."})
    maximum = bareme.duree_max(reiteration)
    if duree is None or not (bareme.duree_min_mois <= duree <= maximum):
        raise ValidationError(
            {"duree_proposee_mois": f"La durée proposée va de {bareme.duree_min_mois} à {maximum} mois."}
        )


@transaction.atomic
def rendre_avis(
    dossier, *, avis, votes_pour, votes_contre, abstentions, motivation, taux=None, duree=None, personne_entendue=False
) -> DossierEP:
    manquement = dossier.manquement
    verifier_quorum(dossier.seance, manquement.bareme)
    if avis not in AvisEP.values:
        raise ValidationError({"avis": "Choisissez l'avis de l'équipe."})
    votes = [votes_pour, votes_contre, abstentions]
    if any(v is None or v < 0 for v in votes) or sum(votes) > presents(dossier.seance):
        raise ValidationError(
            {"votes_pour": "Les voix (pour, contre, abstentions) ne dépassent pas les membres présents."}
        )
    _verifier_proposition(manquement.bareme, manquement.reiteration, avis, taux, duree)
    dossier.avis, dossier.motivation = avis, texte_obligatoire(motivation, "motivation", "Motivez l'avis de l'équipe.")
    dossier.votes_pour, dossier.votes_contre, dossier.abstentions = votes
    dossier.taux_propose = taux if avis == AvisEP.SUSPENSION else None
    dossier.duree_proposee_mois = duree if avis == AvisEP.SUSPENSION else None
    dossier.personne_entendue = bool(personne_entendue)
    dossier.save()
    if avis == AvisEP.AJOURNEMENT:
        appliquer_transition(manquement, EtatManquement.INFORME, par=None, motif="Dossier ajourné par l'équipe")
    return dossier


@transaction.atomic
def tenir_seance(seance) -> SeanceEP:
    """Close the session once every file has its opinion; its minutes can then be printed."""
    _planifiee(seance)
    comptes = seance.dossiers.aggregate(total=Count("pk"), sans_avis=Count("pk", filter=Q(avis="")))
    if not comptes["total"]:
        raise ValidationError("La séance n'a aucun dossier à l'ordre du jour.")
    if comptes["sans_avis"]:
        raise ValidationError(f"{comptes['sans_avis']} dossier(s) n'ont pas encore d'avis.")
    seance.etat = EtatSeance.TENUE
    seance.save(update_fields=["etat"])
    return seance
