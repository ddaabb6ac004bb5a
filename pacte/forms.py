from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from dsfr.forms import DsfrBaseForm


class DsfrForm(DsfrBaseForm):
    """Every form of the app: DSFR field groups, errors linked to their field."""


class DsfrModelForm(DsfrBaseForm, forms.ModelForm):
    pass


class ConnexionForm(DsfrBaseForm, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie.",
        "inactive": "Ce compte est désactivé. Adressez-vous à l'administrateur du pacte.",
    }


class ChangementMotDePasseForm(DsfrBaseForm, PasswordChangeForm):
    pass
