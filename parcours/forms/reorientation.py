"""The decision on a request of réorientation: accept (the orientation asked, or another one) or refuse (a motif)."""

from django import forms

from pacte.forms import BaseForm
from pacte.widgets import SelectRapide
from parcours.calendrier import aujourdhui
from parcours.choices import OrganismeReferent, TypeOrientation
from parcours.forms.base import ChampDate


class DecisionReorientationForm(BaseForm):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("accepter", "Accepter la réorientation"), ("refuser", "Refuser la demande")],
        widget=forms.RadioSelect,
    )
    type = forms.ChoiceField(label="Orientation décidée", choices=TypeOrientation.choices, widget=SelectRapide)
    organisme_referent = forms.ChoiceField(
        label="Organisme référent", choices=OrganismeReferent.choices, widget=SelectRapide
    )
    date = ChampDate(label="Date de la décision", initial=aujourdhui)
    motif_decision = forms.CharField(
        label="Motif de la décision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour un refus ; transmis au référent qui a demandé.",
    )

    def __init__(self, *args, demande, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("type", demande.type_souhaite)
        kwargs["initial"].setdefault("organisme_referent", demande.organisme_souhaite)
        super().__init__(*args, **kwargs)
