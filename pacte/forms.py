from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from dsfr import forms as dsfr_forms

# django-dsfr's default_renderer is the renderer class, which Django instantiates for every form: each form then
# builds a template engine with an empty cache and re-parses all its field templates (~50 ms on the parcours page).
# One shared instance keeps the parsed templates, as Django's own get_default_renderer() does.
_RENDU_DSFR = dsfr_forms.DsfrDjangoTemplates()


class DsfrBaseForm(dsfr_forms.DsfrBaseForm):
    @property
    def default_renderer(self):
        renderer = super().default_renderer
        return _RENDU_DSFR if renderer is dsfr_forms.DsfrDjangoTemplates else renderer


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
