"""Who a ProConnect identity is in the pact, and the access requests of the people it does not know.

The identity provider proves an e-mail and a subject (`sub`); it never grants a role nor a scope. Matching:
1. a user who already carries this `sub` is that person, even if the e-mail changed at the provider (a change of
   name or of service): their e-mail follows, unless another account holds the new one (then refused, an
   administrator decides);
2. else the user with this e-mail, who keeps the `sub` from then on; if that user already carries another `sub`,
   refused: an e-mail handed on to someone else must not open the former holder's account;
3. else an access request (DemandeAcces) waits for an administrator, who gives the role and the MDD.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pacte.models import DemandeAcces, Role, User
from pacte.models.utilisateurs import ROLES_MDD
from pacte.proconnect.refus import AccesEnAttente, RefusProConnect

ADMINISTRATEUR = "Adressez-vous à l'administrateur du pacte."


def identifier_agent(claims: dict) -> User:
    """The active user these verified claims name; raises AccesEnAttente or RefusProConnect otherwise."""
    sub, email = str(claims["sub"]), claims["email"].strip().lower()
    user = User.objects.filter(proconnect_sub=sub).first()
    if user is not None:
        if user.email.lower() != email:
            _suivre_changement_d_adresse(user, email)
    else:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            demande = enregistrer_demande(claims)
            raise AccesEnAttente(email, refusee=demande.statut == DemandeAcces.Statut.REFUSEE)
        if user.proconnect_sub:
            raise RefusProConnect(
                f"Le compte {email} est rattaché à une autre identité ProConnect. {ADMINISTRATEUR}", email
            )
        user.proconnect_sub = sub
        user.save(update_fields=["proconnect_sub"])
    if not user.is_active:
        raise RefusProConnect(f"Ce compte est désactivé. {ADMINISTRATEUR}", email)
    return user


def _suivre_changement_d_adresse(user, email):
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise RefusProConnect(
            f"Votre adresse électronique a changé et {email} appartient déjà à un autre compte. {ADMINISTRATEUR}",
            email,
        )
    user.email = email
    user.save(update_fields=["email"])


def enregistrer_demande(claims: dict) -> DemandeAcces:
    """One request per ProConnect identity, refreshed at each attempt; a refused request stays refused."""
    demande, _ = DemandeAcces.objects.update_or_create(
        proconnect_sub=str(claims["sub"]),
        defaults={
            "email": claims["email"].strip().lower(),
            "first_name": str(claims.get("given_name") or "")[:150],
            "last_name": str(claims.get("usual_name") or claims.get("family_name") or "")[:150],
            "siret": str(claims.get("siret") or "")[:14],
        },
    )
    return demande


@transaction.atomic
def approuver_demande(demande: DemandeAcces, *, role: str, mdds, par: User) -> User:
    """The administrator's answer: the account, with the role and the MDD they chose, bound to the ProConnect sub."""
    _verifier_en_attente(demande)
    if role == Role.PARTENAIRE:
        raise ValidationError("Un compte partenaire se crée dans l'administration, avec sa structure.")
    if role in ROLES_MDD and not mdds:
        raise ValidationError("Un travailleur social ou un responsable de MDD doit être rattaché à au moins une MDD.")
    if User.objects.filter(email__iexact=demande.email).exists():
        raise ValidationError(f"Un compte existe déjà pour {demande.email}.")
    user = User.objects.create_user(
        demande.email,
        role=role,
        first_name=demande.first_name,
        last_name=demande.last_name,
        proconnect_sub=demande.proconnect_sub,
    )
    user.mdds.set(mdds)
    _clore(demande, DemandeAcces.Statut.APPROUVEE, par, utilisateur=user)
    return user


@transaction.atomic
def refuser_demande(demande: DemandeAcces, *, par: User) -> None:
    _verifier_en_attente(demande)
    _clore(demande, DemandeAcces.Statut.REFUSEE, par)


def _verifier_en_attente(demande):
    if demande.statut != DemandeAcces.Statut.EN_ATTENTE:
        raise ValidationError("Cette demande a déjà été traitée.")


def _clore(demande, statut, par, utilisateur=None):
    demande.statut = statut
    demande.traitee_par = par
    demande.traitee_le = timezone.now()
    demande.utilisateur = utilisateur
    demande.save(update_fields=["statut", "traitee_par", "traitee_le", "utilisateur"])
