"""The rubrique « courriers » of the référentiel: the delays and hours of invitations, reminders and sending.

Read and checked with the rest of the file by pacte.referentiel (the hook is registered from AppConfig.ready()),
written to ParametresCourriers; what the file leaves out takes the default of models.parametres.DEFAUTS.
"""

from courriers.models import ParametresCourriers
from courriers.models.parametres import DEFAUTS
from pacte.models import Pacte
from pacte.referentiel import KEY_LINES, LINE_KEY, ajouter_rubrique

RUBRIQUE = "courriers"


def lire_rubrique(v, bloc, ligne) -> dict:
    valeurs = dict(DEFAUTS)
    if bloc is None:
        return valeurs
    if not isinstance(bloc, dict):
        v.erreur(ligne, "la rubrique « courriers » doit être une fiche de paramètres.")
        return valeurs
    for cle, valeur in bloc.items():
        if cle in (LINE_KEY, KEY_LINES):
            continue
        ligne_cle = v.ligne_de(bloc, cle, bloc[LINE_KEY])
        if cle not in DEFAUTS:
            v.erreur(ligne_cle, f"le paramètre « {cle} » de la rubrique courriers est inconnu.")
        elif not isinstance(valeur, int) or isinstance(valeur, bool) or valeur < 0:
            v.erreur(ligne_cle, f"le paramètre « {cle} » doit être un entier positif ou nul (« {valeur} »).")
        else:
            valeurs[cle] = valeur
    if not 0 <= valeurs["sms_heure_debut"] < valeurs["sms_heure_fin"] <= 24:
        v.erreur(bloc[LINE_KEY], "les heures d'envoi des SMS vont de 0 à 24, le début avant la fin.")
    if valeurs["validite_invitation_jours"] < 1:
        v.erreur(bloc[LINE_KEY], "une invitation est valable au moins un jour.")
    return valeurs


def ecrire_rubrique(valeurs: dict, pacte, bilan) -> None:
    existants = ParametresCourriers.objects.filter(departement_code=pacte.departement_code).first()
    if existants is None:
        ParametresCourriers.objects.create(departement_code=pacte.departement_code, **valeurs)
        bilan.crees += 1
        return
    changes = [cle for cle, valeur in valeurs.items() if getattr(existants, cle) != valeur]
    for cle in changes:
        setattr(existants, cle, valeurs[cle])
    if changes:
        existants.save(update_fields=changes)
        bilan.modifies += 1
    else:
        bilan.inchanges += 1


def brancher():
    ajouter_rubrique(RUBRIQUE, lire_rubrique, ecrire_rubrique)


def departement_courant() -> str:
    pacte = Pacte.courant()
    return pacte.departement_code if pacte else ""


def parametres(departement_code: str | None = None) -> ParametresCourriers:
    """The parameters of the département (the current pact's by default); the defaults until the référentiel is
    loaded, never saved from here."""
    code = departement_code if departement_code is not None else departement_courant()
    trouves = ParametresCourriers.objects.filter(departement_code=code).first()
    return trouves or ParametresCourriers(departement_code=code, **DEFAUTS)
