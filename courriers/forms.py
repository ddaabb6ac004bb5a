"""Forms of the agenda, the invitations, the convocations and the letter templates."""

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime

from courriers.choices import Canal, NatureCreneau
from courriers.querysets import _mdds_de
from pacte.forms import BaseForm
from pacte.models import Site, User


class CreneauForm(BaseForm):
    site = forms.ModelChoiceField(label="Site", queryset=Site.objects.none())
    nature = forms.ChoiceField(label="Nature", choices=NatureCreneau.choices)
    agent = forms.ModelChoiceField(
        label="Professionnel", queryset=User.objects.none(), required=False, help_text="Obligatoire pour un entretien."
    )
    debut = forms.DateTimeField(
        label="Début du premier créneau", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    duree_minutes = forms.IntegerField(label="Durée d'un créneau (minutes)", min_value=5, max_value=480, initial=30)
    nombre = forms.IntegerField(label="Nombre de créneaux à la suite", min_value=1, max_value=40, initial=1)
    capacite = forms.IntegerField(
        label="Places (information collective)", min_value=1, max_value=500, initial=1, required=False
    )
    intitule = forms.CharField(label="Intitulé", max_length=150, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mdds = _mdds_de(user)
        self.fields["site"].queryset = Site.objects.filter(mdd__in=mdds).select_related("commune", "mdd")
        self.fields["agent"].queryset = User.objects.filter(mdds__in=mdds, is_active=True).distinct()


CANAUX = [(Canal.SMS, "SMS"), (Canal.EMAIL, "Courriel"), (Canal.COURRIER, "Courrier postal")]


class CanauxForm(BaseForm):
    canaux = forms.MultipleChoiceField(
        label="Envoyer par",
        choices=CANAUX,
        widget=forms.CheckboxSelectMultiple,
        help_text="Le SMS et le courriel ne partent qu'avec le consentement de la personne.",
        error_messages={"required": "Choisissez au moins un moyen d'envoi."},
    )


class ConvocationForm(CanauxForm):
    creneau = forms.ModelChoiceField(label="Créneau", queryset=None, empty_label=None)

    def __init__(self, *args, creneaux, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["creneau"].queryset = creneaux


class VersionForm(BaseForm):
    objet = forms.CharField(label="Objet", max_length=200)
    corps = forms.CharField(
        label="Texte du courrier et du courriel",
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Les champs à remplacer s'écrivent entre doubles accolades, par exemple {{ personne.nom }}.",
    )
    texte_sms = forms.CharField(
        label="Texte du SMS", max_length=480, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ChoixCreneauForm(BaseForm):
    """The person's choice among the free slots of their MDD, grouped by day."""

    creneau = forms.TypedChoiceField(
        label="Créneau", coerce=int, widget=forms.RadioSelect, error_messages={"required": "Choisissez un créneau."}
    )

    def __init__(self, *args, jours, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["creneau"].choices = [
            (
                date_format(jour, "l j F Y").capitalize(),
                [(c.pk, f"{localtime(c.debut):%H:%M} — {c.get_nature_display()}, {c.site.nom}") for c in creneaux],
            )
            for jour, creneaux in jours
        ]
