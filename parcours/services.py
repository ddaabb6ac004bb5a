"""Business actions on a parcours: every entry point (forms, imports, demo) records events through these.

Each function validates (French ValidationError, nothing written when refused), runs in one transaction,
keeps the parcours pointers (orientation_courante, contrat_courant, referent, mdd, date_sortie) right and
bumps `Parcours.version` with a compare-and-swap: a caller that passes the version its form started from
gets a ConflitDeVersion when someone else saved in between.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from pacte.models import User
from pacte.models.utilisateurs import ROLES_MDD
from pacte.text import normaliser
from parcours.choices import EtatContrat, OrganismeReferent, Presence, TypeOrientation
from parcours.models import (
    Beneficiaire,
    ChangementReferent,
    ContratEngagement,
    Frein,
    Note,
    Orientation,
    Parcours,
    RendezVous,
    Sortie,
    Transfert,
)

DUREE_MAX_CONTRAT_SANS_MOTIF_MOIS = 12
NAISSANCE_AU_PLUS_TOT = datetime.date(1900, 1, 1)

# Which organisme référent may follow each orientation type (loi pour le plein emploi).
ORGANISMES_PAR_TYPE = {
    TypeOrientation.PROFESSIONNELLE: {
        OrganismeReferent.FRANCE_TRAVAIL,
        OrganismeReferent.CAP_EMPLOI,
        OrganismeReferent.MISSION_LOCALE,
    },
    TypeOrientation.SOCIO_PROFESSIONNELLE: {
        OrganismeReferent.DEPARTEMENT,
        OrganismeReferent.FRANCE_TRAVAIL,
        OrganismeReferent.ASSOCIATION,
    },
    TypeOrientation.SOCIALE: {
        OrganismeReferent.DEPARTEMENT,
        OrganismeReferent.CCAS,
        OrganismeReferent.ASSOCIATION,
    },
}

# The contract state machine: the only allowed moves.
TRANSITIONS_CONTRAT = {
    EtatContrat.BROUILLON: {EtatContrat.SIGNE},
    EtatContrat.SIGNE: {EtatContrat.ECHU, EtatContrat.RESILIE},
    EtatContrat.ECHU: set(),
    EtatContrat.RESILIE: set(),
}


class ConflitDeVersion(ValidationError):
    """The parcours changed since the form was displayed."""


class DoublonPossible(ValidationError):
    """A beneficiary that may be the same person exists: the caller shows the candidates."""

    def __init__(self, message, candidats):
        super().__init__(message)
        self.candidats = candidats


def aujourdhui() -> datetime.date:
    return timezone.localdate()


def debut_du_jour(jour: datetime.date) -> datetime.datetime:
    """Local midnight of `jour`, aware: a range of datetimes from it keeps the (parcours, date) indexes usable, where
    `date__date` casts every row."""
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time.min))


def ajouter_mois(jour: datetime.date, mois: int) -> datetime.date:
    annee, index = divmod(jour.month - 1 + mois, 12)
    annee += jour.year
    # Past the ends of the calendar (a date typed as 9999-12-31): the bound is the calendar's end.
    if annee > datetime.MAXYEAR:
        return datetime.date.max
    if annee < datetime.MINYEAR:
        return datetime.date.min
    for dernier in (31, 30, 29, 28):
        try:
            return jour.replace(year=annee, month=index + 1, day=min(jour.day, dernier))
        except ValueError:
            continue
    raise AssertionError("date impossible")


def _pas_dans_le_futur(valeur, champ, libelle):
    if valeur is not None and valeur > aujourdhui():
        raise ValidationError({champ: f"{libelle} ne peut pas être dans le futur."})


def _pas_avant_entree(parcours, valeur, champ, libelle):
    if valeur is not None and valeur < parcours.date_entree:
        raise ValidationError(
            {champ: f"{libelle} ne peut pas précéder l'entrée dans le dispositif ({parcours.date_entree:%d/%m/%Y})."}
        )


def _verifier_ouvert(parcours):
    if not parcours.est_ouvert:
        raise ValidationError(
            f"Ce parcours est clos depuis le {parcours.date_sortie:%d/%m/%Y} : rien ne peut y être ajouté."
        )


def _verrouiller(parcours: Parcours, version: int | None, par) -> Parcours:
    """Compare-and-swap on `version`, then reload the parcours: the caller writes on fresh data."""
    lignes = Parcours.objects.filter(pk=parcours.pk)
    if version is not None:
        lignes = lignes.filter(version=version)
    if not lignes.update(version=F("version") + 1, modifie_par=par, updated_at=timezone.now()):
        actuel = Parcours.objects.select_related("modifie_par").get(pk=parcours.pk)
        auteur = actuel.modifie_par or "un autre utilisateur"
        raise ConflitDeVersion(
            f"Ce parcours a été modifié par {auteur} entre-temps. Votre saisie est conservée ci-dessous : "
            "vérifiez le parcours à jour puis enregistrez à nouveau.",
            code="conflit",
        )
    parcours.refresh_from_db()
    return parcours


def _enregistrer_parcours(parcours: Parcours, par, champs: list[str]):
    """Save pointer fields with a history row that names the author."""
    parcours._history_user = par
    parcours.save(update_fields=[*champs, "updated_at"])


def _nettoyer(objet, exclure=()):
    try:
        objet.full_clean(exclude=exclure, validate_unique=False)
    except ValidationError as erreur:
        raise ValidationError(erreur.message_dict) from None


# --- Orientation and référent -------------------------------------------------------------------------


@transaction.atomic
def orienter(parcours, *, type, organisme_referent, date_decision, par, motif="", version=None) -> Orientation:
    """Record an orientation, or a réorientation when the parcours is already oriented."""
    _verifier_ouvert(parcours)
    if type not in TypeOrientation.values:
        raise ValidationError({"type": f"Type d'orientation inconnu : « {type} »."})
    if organisme_referent not in ORGANISMES_PAR_TYPE[type]:
        libelle = dict(OrganismeReferent.choices).get(organisme_referent, organisme_referent)
        orientation = TypeOrientation(type).label.lower()
        raise ValidationError(
            {"organisme_referent": f"L'organisme « {libelle} » ne peut pas suivre une orientation {orientation}."}
        )
    _pas_dans_le_futur(date_decision, "date_decision", "La date de la décision")
    if date_decision < parcours.date_ouverture_droit:
        raise ValidationError(
            {
                "date_decision": "La décision ne peut pas précéder l'ouverture de droit "
                f"({parcours.date_ouverture_droit:%d/%m/%Y})."
            }
        )
    courante = parcours.orientation_courante
    if courante is not None:
        if not motif.strip():
            raise ValidationError({"motif": "Indiquez le motif de la réorientation."})
        if date_decision < courante.date_decision:
            raise ValidationError(
                {
                    "date_decision": "Une réorientation ne peut pas précéder l'orientation en cours "
                    f"({courante.date_decision:%d/%m/%Y})."
                }
            )
    _verrouiller(parcours, version, par)
    orientation = Orientation(
        parcours=parcours,
        type=type,
        organisme_referent=organisme_referent,
        date_decision=date_decision,
        decidee_par=par,
        motif=motif.strip(),
        created_by=par,
    )
    orientation._history_user = par
    orientation.save()
    parcours.orientation_courante = orientation
    _enregistrer_parcours(parcours, par, ["orientation_courante"])
    return orientation


def referents_possibles(parcours):
    return User.objects.filter(is_active=True, role__in=ROLES_MDD, mdds=parcours.mdd_id).order_by(
        "last_name", "first_name"
    )


@transaction.atomic
def changer_referent(parcours, *, nouveau, date, par, motif="", version=None) -> ChangementReferent:
    _verifier_ouvert(parcours)
    _pas_dans_le_futur(date, "date", "La date du changement")
    _pas_avant_entree(parcours, date, "date", "La date du changement")
    if nouveau.pk == parcours.referent_id:
        raise ValidationError({"nouveau": f"{nouveau} est déjà le référent unique de ce parcours."})
    if not referents_possibles(parcours).filter(pk=nouveau.pk).exists():
        raise ValidationError({"nouveau": f"Le référent doit être un agent de la MDD {parcours.mdd}."})
    _verrouiller(parcours, version, par)
    changement = ChangementReferent.objects.create(
        parcours=parcours, ancien=parcours.referent, nouveau=nouveau, date=date, motif=motif.strip(), created_by=par
    )
    parcours.referent = nouveau
    _enregistrer_parcours(parcours, par, ["referent"])
    return changement


# --- Contrat d'engagement -----------------------------------------------------------------------------


def etat_contrat_effectif(contrat, jour=None) -> str:
    """A signed contract past its end is échu even before the nightly task records it."""
    jour = jour or aujourdhui()
    if contrat.etat == EtatContrat.SIGNE and contrat.date_fin < jour:
        return EtatContrat.ECHU
    return contrat.etat


@transaction.atomic
def enregistrer_contrat(
    parcours,
    *,
    date_debut,
    date_fin,
    objectifs,
    heures_hebdomadaires,
    par,
    date_signature=None,
    motif_duree="",
    version=None,
) -> ContratEngagement:
    _verifier_ouvert(parcours)
    erreurs = {}
    if parcours.orientation_courante_id is None:
        raise ValidationError("Le parcours doit être orienté avant la signature d'un contrat d'engagement.")
    if date_fin <= date_debut:
        erreurs["date_fin"] = "La fin du contrat doit suivre son début."
    elif date_fin > ajouter_mois(date_debut, DUREE_MAX_CONTRAT_SANS_MOTIF_MOIS) and not motif_duree.strip():
        erreurs["motif_duree"] = "Un contrat de plus de 12 mois doit indiquer le motif de cette durée."
    if heures_hebdomadaires is None or not (0 <= heures_hebdomadaires <= 35):
        erreurs["heures_hebdomadaires"] = "Les heures d'activité hebdomadaires vont de 0 à 35."
    if date_signature is not None and date_signature > aujourdhui():
        erreurs["date_signature"] = "La date de signature ne peut pas être dans le futur."
    if date_debut < parcours.date_entree:
        erreurs["date_debut"] = (
            f"Le contrat ne peut pas commencer avant l'entrée dans le dispositif ({parcours.date_entree:%d/%m/%Y})."
        )
    if not (objectifs or "").strip():
        erreurs["objectifs"] = "Indiquez les objectifs du contrat."
    if erreurs:
        raise ValidationError(erreurs)
    _verrouiller(parcours, version, par)
    contrat = ContratEngagement(
        parcours=parcours,
        date_debut=date_debut,
        date_fin=date_fin,
        objectifs=objectifs.strip(),
        heures_hebdomadaires=heures_hebdomadaires,
        date_signature=date_signature,
        etat=EtatContrat.SIGNE if date_signature else EtatContrat.BROUILLON,
        motif_duree=motif_duree.strip(),
        created_by=par,
    )
    contrat._history_user = par
    contrat.save()
    parcours.contrat_courant = contrat
    _enregistrer_parcours(parcours, par, ["contrat_courant"])
    return contrat


def _transition_contrat(contrat, cible):
    if cible not in TRANSITIONS_CONTRAT[EtatContrat(contrat.etat)]:
        raise ValidationError(
            f"Un contrat « {contrat.get_etat_display().lower()} » ne peut pas passer à l'état "
            f"« {EtatContrat(cible).label.lower()} »."
        )
    contrat.etat = cible


@transaction.atomic
def signer_contrat(contrat, *, date_signature, par, version=None) -> ContratEngagement:
    parcours = contrat.parcours
    _verifier_ouvert(parcours)
    _pas_dans_le_futur(date_signature, "date_signature", "La date de signature")
    _transition_contrat(contrat, EtatContrat.SIGNE)
    _verrouiller(parcours, version, par)
    contrat.date_signature = date_signature
    contrat._history_user = par
    contrat.save(update_fields=["etat", "date_signature"])
    return contrat


@transaction.atomic
def resilier_contrat(contrat, *, date_resiliation, motif, par, version=None) -> ContratEngagement:
    parcours = contrat.parcours
    _verifier_ouvert(parcours)
    _pas_dans_le_futur(date_resiliation, "date_resiliation", "La date de résiliation")
    if not (motif or "").strip():
        raise ValidationError({"motif_resiliation": "Indiquez le motif de la résiliation."})
    _transition_contrat(contrat, EtatContrat.RESILIE)
    if contrat.date_signature and date_resiliation < contrat.date_signature:
        raise ValidationError({"date_resiliation": "La résiliation ne peut pas précéder la signature du contrat."})
    _verrouiller(parcours, version, par)
    contrat.date_resiliation = date_resiliation
    contrat.motif_resiliation = motif.strip()
    contrat._history_user = par
    contrat.save(update_fields=["etat", "date_resiliation", "motif_resiliation"])
    return contrat


def echoir_contrats(jour=None) -> int:
    """Record as échu the signed contracts whose end has passed (a nightly task may call it)."""
    jour = jour or aujourdhui()
    return ContratEngagement.objects.filter(etat=EtatContrat.SIGNE, date_fin__lt=jour).update(etat=EtatContrat.ECHU)


# --- Freins -------------------------------------------------------------------------------------------


@transaction.atomic
def identifier_frein(parcours, *, categorie, date_identification, par, commentaire="", version=None) -> Frein:
    _verifier_ouvert(parcours)
    _pas_dans_le_futur(date_identification, "date_identification", "La date d'identification")
    if parcours.freins.filter(categorie=categorie, date_levee__isnull=True).exists():
        raise ValidationError({"categorie": "Un frein de cette catégorie est déjà ouvert sur ce parcours."})
    _verrouiller(parcours, version, par)
    frein = Frein(
        parcours=parcours,
        categorie=categorie,
        date_identification=date_identification,
        commentaire=commentaire.strip(),
        created_by=par,
    )
    frein._history_user = par
    frein.save()
    return frein


@transaction.atomic
def lever_frein(frein, *, date_levee, par, version=None) -> Frein:
    parcours = frein.parcours
    _verifier_ouvert(parcours)
    if frein.date_levee is not None:
        raise ValidationError({"frein": f"Ce frein est déjà levé depuis le {frein.date_levee:%d/%m/%Y}."})
    _pas_dans_le_futur(date_levee, "date_levee", "La date de levée")
    if date_levee < frein.date_identification:
        raise ValidationError({"date_levee": "Un frein ne peut pas être levé avant d'avoir été identifié."})
    _verrouiller(parcours, version, par)
    frein.date_levee = date_levee
    frein._history_user = par
    frein.save(update_fields=["date_levee"])
    return frein


# --- Rendez-vous and notes ----------------------------------------------------------------------------


@transaction.atomic
def planifier_rendez_vous(
    parcours, *, date, nature, par, avec=None, objet="", presence=Presence.PREVU, version=None
) -> RendezVous:
    """Plan a rendez-vous, or record a past one with its attendance."""
    _verifier_ouvert(parcours)
    if date.date() < parcours.date_entree:
        raise ValidationError({"date": "Le rendez-vous ne peut pas précéder l'entrée dans le dispositif."})
    if presence != Presence.PREVU and date > timezone.now():
        raise ValidationError({"presence": "La présence d'un rendez-vous à venir ne peut pas encore être notée."})
    _verrouiller(parcours, version, par)
    rdv = RendezVous(
        parcours=parcours, date=date, nature=nature, avec=avec, objet=objet.strip(), presence=presence, created_by=par
    )
    rdv._history_user = par
    rdv.save()
    return rdv


@transaction.atomic
def noter_presence(rendez_vous, *, presence, par, version=None) -> RendezVous:
    parcours = rendez_vous.parcours
    _verifier_ouvert(parcours)
    if presence == Presence.PREVU:
        raise ValidationError({"presence": "Indiquez si la personne était présente ou absente."})
    if rendez_vous.date > timezone.now():
        raise ValidationError({"presence": "La présence d'un rendez-vous à venir ne peut pas encore être notée."})
    _verrouiller(parcours, version, par)
    rendez_vous.presence = presence
    rendez_vous._history_user = par
    rendez_vous.save(update_fields=["presence"])
    return rendez_vous


@transaction.atomic
def ajouter_note(parcours, *, date, texte, par, version=None) -> Note:
    _verifier_ouvert(parcours)
    _pas_dans_le_futur(date, "date", "La date de la note")
    if not (texte or "").strip():
        raise ValidationError({"texte": "La note est vide."})
    _verrouiller(parcours, version, par)
    return Note.objects.create(parcours=parcours, date=date, texte=texte.strip(), created_by=par)


# --- Sortie and transfert -----------------------------------------------------------------------------


@transaction.atomic
def enregistrer_sortie(parcours, *, date, type, par, commentaire="", version=None) -> Sortie:
    if not parcours.est_ouvert:
        raise ValidationError(f"Ce parcours est déjà clos depuis le {parcours.date_sortie:%d/%m/%Y}.")
    _pas_dans_le_futur(date, "date", "La date de sortie")
    _pas_avant_entree(parcours, date, "date", "La date de sortie")
    _verrouiller(parcours, version, par)
    sortie = Sortie(parcours=parcours, date=date, type=type, commentaire=commentaire.strip(), created_by=par)
    sortie._history_user = par
    sortie.save()
    parcours.date_sortie = date
    _enregistrer_parcours(parcours, par, ["date_sortie"])
    return sortie


@transaction.atomic
def transferer(parcours, *, mdd_destination, date, par, motif="", version=None) -> Transfert:
    """Move the parcours to another MDD: its référent there is chosen by the receiving MDD."""
    _verifier_ouvert(parcours)
    if mdd_destination.pk == parcours.mdd_id:
        raise ValidationError({"mdd_destination": "Le transfert se fait vers une autre MDD."})
    _pas_dans_le_futur(date, "date", "La date du transfert")
    _pas_avant_entree(parcours, date, "date", "La date du transfert")
    _verrouiller(parcours, version, par)
    transfert = Transfert.objects.create(
        parcours=parcours,
        date=date,
        mdd_origine_id=parcours.mdd_id,
        mdd_destination=mdd_destination,
        motif=motif.strip(),
        created_by=par,
    )
    parcours.mdd = mdd_destination
    parcours.referent = None
    _enregistrer_parcours(parcours, par, ["mdd", "referent"])
    return transfert


@transaction.atomic
def modifier_coordonnees(parcours, *, par, version=None, **champs) -> Beneficiaire:
    """Update the contact details of the person (address, phone, e-mail, commune), with history."""
    permis = {"adresse", "telephone", "email", "commune"}
    if set(champs) - permis:
        raise ValidationError(f"Champs non modifiables ici : {', '.join(sorted(set(champs) - permis))}.")
    beneficiaire = parcours.beneficiaire
    for nom, valeur in champs.items():
        setattr(beneficiaire, nom, valeur.strip() if isinstance(valeur, str) else valeur)
    _nettoyer(beneficiaire, exclure=["nom_recherche"])
    _verrouiller(parcours, version, par)
    beneficiaire._history_user = par
    beneficiaire.save(update_fields=[*champs, "updated_at"])
    return beneficiaire


# --- Beneficiaries and duplicates ---------------------------------------------------------------------


@dataclass
class IdentiteBeneficiaire:
    organisme_payeur: str
    numero_allocataire: str
    qualite: str
    nom: str
    prenom: str
    date_naissance: datetime.date


def chercher_doublons(identite: IdentiteBeneficiaire):
    """Beneficiaries that may be this person: same allocataire number and role, or same name and birth date."""
    return (
        Beneficiaire.objects.filter(
            Q(
                organisme_payeur=identite.organisme_payeur,
                numero_allocataire=identite.numero_allocataire,
                qualite=identite.qualite,
            )
            | Q(
                nom_recherche=normaliser(f"{identite.nom} {identite.prenom}"),
                date_naissance=identite.date_naissance,
            )
        )
        .filter(anonymise_le__isnull=True)
        .order_by("nom", "prenom")
    )


def _verifier_dates_ouverture(date_ouverture_droit, date_entree):
    erreurs = {}
    if date_ouverture_droit > aujourdhui():
        erreurs["date_ouverture_droit"] = "La date d'ouverture de droit ne peut pas être dans le futur."
    if date_entree > aujourdhui():
        erreurs["date_entree"] = "La date d'entrée ne peut pas être dans le futur."
    elif date_entree < date_ouverture_droit:
        erreurs["date_entree"] = "L'entrée dans le dispositif ne peut pas précéder l'ouverture de droit."
    if erreurs:
        raise ValidationError(erreurs)


@transaction.atomic
def ouvrir_parcours(beneficiaire, *, mdd, date_ouverture_droit, date_entree, par, referent=None) -> Parcours:
    _verifier_dates_ouverture(date_ouverture_droit, date_entree)
    precedent = beneficiaire.parcours.order_by("-date_entree").first()
    if precedent is not None and precedent.est_ouvert:
        raise ValidationError(f"{beneficiaire} a déjà un parcours ouvert ({precedent.mdd}).")
    if precedent is not None and date_entree < precedent.date_sortie:
        raise ValidationError(
            {
                "date_entree": f"La nouvelle entrée ne peut pas précéder la sortie du parcours précédent "
                f"({precedent.date_sortie:%d/%m/%Y})."
            }
        )
    parcours = Parcours(
        beneficiaire=beneficiaire,
        mdd=mdd,
        referent=referent,
        date_ouverture_droit=date_ouverture_droit,
        date_entree=date_entree,
        modifie_par=par,
    )
    parcours._history_user = par
    parcours.save()
    return parcours


@transaction.atomic
def creer_beneficiaire(
    identite: IdentiteBeneficiaire,
    *,
    mdd,
    date_ouverture_droit,
    date_entree,
    par,
    autres_champs=None,
    confirme_autre_personne=False,
    referent=None,
) -> Parcours:
    """Create a beneficiary and open their parcours, refusing a silent duplicate.

    Same allocataire number and role: always refused (it is the same person; reopen their parcours).
    Same name and birth date: refused unless the user confirmed, after seeing the candidates, that it is
    another person.
    """
    if identite.date_naissance > aujourdhui():
        raise ValidationError({"date_naissance": "La date de naissance ne peut pas être dans le futur."})
    if identite.date_naissance < NAISSANCE_AU_PLUS_TOT:
        raise ValidationError({"date_naissance": "La date de naissance ne peut pas être avant 1900."})
    _verifier_dates_ouverture(date_ouverture_droit, date_entree)
    candidats = list(chercher_doublons(identite))
    meme_numero = [
        c
        for c in candidats
        if (c.organisme_payeur, c.numero_allocataire, c.qualite)
        == (identite.organisme_payeur, identite.numero_allocataire, identite.qualite)
    ]
    if meme_numero:
        raise DoublonPossible(
            "Une personne de même qualité est déjà enregistrée avec ce numéro allocataire : "
            "ouvrez-lui un nouveau parcours plutôt que de la créer à nouveau.",
            meme_numero,
        )
    if candidats and not confirme_autre_personne:
        raise DoublonPossible(
            "Une personne de même nom et de même date de naissance existe déjà. Vérifiez qu'il ne s'agit pas "
            "d'elle ; si c'est une autre personne, confirmez-le pour l'enregistrer.",
            candidats,
        )
    beneficiaire = Beneficiaire(**vars(identite), **(autres_champs or {}))
    _nettoyer(beneficiaire, exclure=["nom_recherche"])
    beneficiaire._history_user = par
    try:
        with transaction.atomic():
            beneficiaire.save()
    except IntegrityError:
        raise ValidationError("Une personne de même qualité existe déjà pour ce numéro allocataire.") from None
    return ouvrir_parcours(
        beneficiaire,
        mdd=mdd,
        date_ouverture_droit=date_ouverture_droit,
        date_entree=date_entree,
        par=par,
        referent=referent,
    )
