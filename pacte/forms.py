from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from pacte.models import MDD, Role
from pacte.themes import rendu


class BaseForm(forms.Form):
    """Every form of the app, drawn by the theme's renderer (pacte.themes): each field with its label, its hint and
    its errors linked to it."""

    # False on search and filter forms (FiltresForm): their fields are all optional, so none says it.
    mention_facultatif = True

    @property
    def default_renderer(self):
        return rendu()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        preparer = getattr(self.renderer, "preparer_formulaire", None)
        if preparer is not None:
            preparer(self)


class ModelForm(BaseForm, forms.ModelForm):
    pass


class FiltresForm(BaseForm):
    """The form of a list's filters (django-filter's Meta.form)."""

    mention_facultatif = False


class ConnexionForm(BaseForm, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie.",
        "inactive": "Ce compte est désactivé. Adressez-vous à l'administrateur du pacte.",
    }


class ChangementMotDePasseForm(BaseForm, PasswordChangeForm):
    pass


class ApprobationDemandeForm(BaseForm):
    """What the administrator grants to a person ProConnect identified: the role and the MDD, nothing from the
    identity provider. Partner accounts need their structure and are made in the administration."""

    role = forms.ChoiceField(
        label="Rôle", choices=[("", "Choisir un rôle")] + [c for c in Role.choices if c[0] != Role.PARTENAIRE]
    )
    mdds = forms.ModelMultipleChoiceField(
        label="Maisons du département",
        queryset=MDD.objects.order_by("nom"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Obligatoire pour un travailleur social ou un responsable de MDD.",
    )
