"""Orientation, réorientation and the référent unique of a parcours."""

from django.core.exceptions import ValidationError
from django.db import transaction

from pacte.models import User
from pacte.models.utilisateurs import ROLES_MDD
from parcours.choices import OrganismeReferent, TypeOrientation
from parcours.models import (
    ChangementReferent,
    Orientation,
)
from parcours.regles import enregistrer_parcours, pas_avant_entree, pas_dans_le_futur, verifier_ouvert, verrouiller

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


@transaction.atomic
def orienter(parcours, *, type, organisme_referent, date_decision, par, motif="", version=None) -> Orientation:
    """Record an orientation, or a réorientation when the parcours is already oriented."""
    verifier_ouvert(parcours)
    if type not in TypeOrientation.values:
        raise ValidationError({"type": f"Type d'orientation inconnu : « {type} »."})
    if organisme_referent not in ORGANISMES_PAR_TYPE[type]:
        libelle = dict(OrganismeReferent.choices).get(organisme_referent, organisme_referent)
        orientation = TypeOrientation(type).label.lower()
        raise ValidationError(
            {"organisme_referent": f"L'organisme « {libelle} » ne peut pas suivre une orientation {orientation}."}
        )
    pas_dans_le_futur(date_decision, "date_decision", "La date de la décision")
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
    verrouiller(parcours, version, par)
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
    enregistrer_parcours(parcours, par, ["orientation_courante"])
    return orientation


def referents_possibles(parcours):
    return User.objects.filter(is_active=True, role__in=ROLES_MDD, mdds=parcours.mdd_id).order_by(
        "last_name", "first_name"
    )


@transaction.atomic
def changer_referent(parcours, *, nouveau, date, par, motif="", version=None) -> ChangementReferent:
    verifier_ouvert(parcours)
    pas_dans_le_futur(date, "date", "La date du changement")
    pas_avant_entree(parcours, date, "date", "La date du changement")
    if nouveau.pk == parcours.referent_id:
        raise ValidationError({"nouveau": f"{nouveau} est déjà le référent unique de ce parcours."})
    if not referents_possibles(parcours).filter(pk=nouveau.pk).exists():
        raise ValidationError({"nouveau": f"Le référent doit être un agent de la MDD {parcours.mdd}."})
    verrouiller(parcours, version, par)
    changement = ChangementReferent.objects.create(
        parcours=parcours, ancien=parcours.referent, nouveau=nouveau, date=date, motif=motif.strip(), created_by=par
    )
    parcours.referent = nouveau
    enregistrer_parcours(parcours, par, ["referent"])
    return changement
