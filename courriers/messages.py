"""Messages made from a template version for one person: who can be reached on which channel (consent, stop-SMS,
a French mobile, a full address), and the filled texts. Nothing is written here: the callers save in bulk."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from courriers import gabarits
from courriers.choices import Canal
from courriers.models import Message, OppositionSms
from courriers.telephone import mobile_francais


@dataclass
class Rendu:
    objet: str
    corps: str
    sms: str


def rendre(version, valeurs: dict) -> Rendu:
    return Rendu(
        objet=gabarits.remplir(version.objet, valeurs),
        corps=gabarits.remplir(version.corps, valeurs),
        sms=gabarits.remplir_sans_vide(version.texte_sms, valeurs),
    )


def oppositions_parmi(beneficiaires) -> set[str]:
    """The numbers among these people's that said STOP, in one query."""
    numeros = {mobile_francais(b.telephone) for b in beneficiaires} - {None}
    if not numeros:
        return set()
    return set(OppositionSms.objects.filter(telephone__in=numeros).values_list("telephone", flat=True))


def _consent(beneficiaire, canal) -> bool:
    consentement = getattr(beneficiaire, "consentement", None)
    return bool(consentement and getattr(consentement, canal))


def destinataire(beneficiaire, canal, oppositions: set) -> tuple[str, str]:
    """(address on this channel, "") or ("", the French reason why the person cannot be reached on it)."""
    nom = str(beneficiaire)
    if canal == Canal.SMS:
        numero = mobile_francais(beneficiaire.telephone)
        if numero is None:
            motif = (
                "aucun numéro"
                if not beneficiaire.telephone
                else f"« {beneficiaire.telephone} » n'est pas un mobile français"
            )
            return "", f"{nom} : pas de SMS, {motif}."
        if numero in oppositions:
            return "", f"{nom} : pas de SMS, la personne a demandé leur arrêt (STOP)."
        if not _consent(beneficiaire, "sms"):
            return "", f"{nom} : pas de SMS, la personne n'y a pas consenti."
        return numero, ""
    if canal == Canal.EMAIL:
        try:
            validate_email(beneficiaire.email)
        except ValidationError:
            return "", f"{nom} : pas de courriel, aucune adresse électronique valide."
        if not _consent(beneficiaire, "email"):
            return "", f"{nom} : pas de courriel, la personne n'y a pas consenti."
        return beneficiaire.email, ""
    if not (beneficiaire.adresse and beneficiaire.commune_id):
        return "", f"{nom} : pas de courrier, l'adresse postale est incomplète."
    return beneficiaire.adresse, ""


def construire(parcours, *, nature, canaux, version, valeurs, oppositions, par=None, **liens):
    """The unsaved messages for the channels the person can be reached on, and the reasons for the others."""
    rendu = rendre(version, valeurs)
    messages, motifs = [], []
    for canal in canaux:
        adresse, motif = destinataire(parcours.beneficiaire, canal, oppositions)
        if motif:
            motifs.append(motif)
            continue
        if canal == Canal.SMS and not rendu.sms:
            motifs.append(f"{parcours.beneficiaire} : pas de SMS, le modèle n'a pas de texte de SMS.")
            continue
        messages.append(
            Message(
                parcours=parcours,
                nature=nature,
                canal=canal,
                destinataire=adresse,
                version=version,
                objet=rendu.objet,
                contenu=rendu.sms if canal == Canal.SMS else rendu.corps,
                # A letter is made at once (its PDF is drawn on demand): it leaves the queue when it is created.
                statut="envoye" if canal == Canal.COURRIER else "en_attente",
                envoye_le=timezone.now() if canal == Canal.COURRIER else None,
                created_by=par,
                **liens,
            )
        )
    return messages, motifs
