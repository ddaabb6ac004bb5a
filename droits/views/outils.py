"""Small helpers shared by the droits et devoirs views."""

from django.http import HttpResponse

from pacte.models.journal import journaliser


def reporter(formulaire, erreur) -> None:
    """A business ValidationError shown on the form: on its field when it names one, else above the form."""
    if hasattr(erreur, "error_dict"):
        for champ, messages_champ in erreur.message_dict.items():
            for message in messages_champ:
                formulaire.add_error(champ if champ in formulaire.fields else None, message)
    else:
        for message in erreur.messages:
            formulaire.add_error(None, message)


def journaliser_manquement(request, manquement, *, nature="consultation", libelle=""):
    return journaliser(
        request.user,
        page=request.path,
        objet="manquement",
        objet_id=manquement.pk,
        beneficiaire_id=manquement.parcours.beneficiaire_id,
        nature=nature,
        libelle=libelle,
    )


def pdf(contenu: bytes, nom: str) -> HttpResponse:
    reponse = HttpResponse(contenu, content_type="application/pdf")
    reponse["Content-Disposition"] = f'inline; filename="{nom}"'
    return reponse
