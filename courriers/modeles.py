"""The letter templates of a département and their versions: install the defaults, save a new version, find the
version a message is made from."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from courriers import gabarits
from courriers.defauts import TEXTES
from courriers.models import ModeleCourrier, VersionModele


@transaction.atomic
def installer_modeles_par_defaut(departement_code: str, par=None) -> list[ModeleCourrier]:
    """Create the templates the département does not have yet (version 1 from courriers.defauts)."""
    existants = set(ModeleCourrier.objects.filter(departement_code=departement_code).values_list("nature", flat=True))
    crees = []
    for nature, texte in TEXTES.items():
        if nature in existants:
            continue
        modele = ModeleCourrier.objects.create(departement_code=departement_code, nature=nature)
        enregistrer_version(modele, par=par, **texte)
        crees.append(modele)
    return crees


@transaction.atomic
def enregistrer_version(modele, *, objet, corps, texte_sms="", par=None) -> VersionModele:
    """A new version becomes the current one; the old ones stay, with the messages made from them."""
    erreurs = {}
    for champ, texte, libelle in (
        ("objet", objet, "L'objet"),
        ("corps", corps, "Le texte du courrier"),
        ("texte_sms", texte_sms, "Le texte du SMS"),
    ):
        try:
            gabarits.verifier(texte, libelle)
        except ValidationError as erreur:
            erreurs[champ] = erreur.messages
    if erreurs:
        raise ValidationError(erreurs)
    modele = ModeleCourrier.objects.select_for_update().get(pk=modele.pk)
    numero = (modele.versions.aggregate(n=Max("numero"))["n"] or 0) + 1
    version = VersionModele.objects.create(
        modele=modele,
        numero=numero,
        objet=objet.strip(),
        corps=corps.strip(),
        texte_sms=texte_sms.strip(),
        created_by=par,
    )
    modele.version_courante = version
    modele.save(update_fields=["version_courante"])
    return version


def version_courante(departement_code: str, nature: str) -> VersionModele:
    """The current version of a template; a département without templates gets the defaults on first use."""
    modele = ModeleCourrier.objects.filter(departement_code=departement_code, nature=nature).first()
    if modele is None:
        installer_modeles_par_defaut(departement_code)
        modele = ModeleCourrier.objects.filter(departement_code=departement_code, nature=nature).first()
    if modele is None or modele.version_courante_id is None:
        raise ValidationError(f"Le modèle « {nature} » n'a aucune version : l'administrateur doit le rédiger.")
    return VersionModele.objects.select_related("modele").get(pk=modele.version_courante_id)
