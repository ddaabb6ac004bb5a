"""The forms of the parcours app, by job; FORMULAIRES names the event forms of the parcours page by their slug."""

from parcours.forms.base import ChampDate, FormulaireParcours
from parcours.forms.creation import NouveauBeneficiaireForm
from parcours.forms.decisions import (
    ContratForm,
    DemandeReorientationForm,
    OrientationForm,
    ReferentForm,
    ResiliationForm,
    SignatureForm,
)
from parcours.forms.evenements import (
    CoordonneesForm,
    FreinForm,
    LeveeFreinForm,
    NoteForm,
    PresenceForm,
    RendezVousForm,
    SortieForm,
    TransfertForm,
)

FORMULAIRES = {
    form.slug: form
    for form in (
        OrientationForm,
        DemandeReorientationForm,
        ReferentForm,
        ContratForm,
        SignatureForm,
        ResiliationForm,
        FreinForm,
        LeveeFreinForm,
        RendezVousForm,
        PresenceForm,
        NoteForm,
        SortieForm,
        TransfertForm,
        CoordonneesForm,
    )
}

__all__ = [
    "FORMULAIRES",
    "ChampDate",
    "ContratForm",
    "DemandeReorientationForm",
    "CoordonneesForm",
    "FormulaireParcours",
    "FreinForm",
    "LeveeFreinForm",
    "NouveauBeneficiaireForm",
    "NoteForm",
    "OrientationForm",
    "PresenceForm",
    "ReferentForm",
    "RendezVousForm",
    "ResiliationForm",
    "SignatureForm",
    "SortieForm",
    "TransfertForm",
]
