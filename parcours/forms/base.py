"""Base of the parcours page's forms: each records one event through the business functions of parcours.

Every form carries the parcours version it started from (optimistic locking) and a prefix, so that
all of them live on one page with unique field ids.
"""

from django import forms

from pacte.forms import BaseForm


class ChampDate(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FormulaireParcours(BaseForm):
    """Base of the event forms: bound to one parcours, carries its version."""

    slug = ""
    titre = ""
    message_succes = ""

    version = forms.IntegerField(widget=forms.HiddenInput)

    MESSAGE_VERSION = (
        "Le formulaire envoyé est incomplet ou a été modifié : rechargez la page du parcours puis recommencez."
    )

    def __init__(self, *args, parcours, **kwargs):
        kwargs.setdefault("prefix", self.slug)
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", parcours.version)
        super().__init__(*args, **kwargs)
        self.parcours = parcours

    def clean(self):
        donnees = super().clean()
        # The version is a hidden field: its error would not be shown next to any field the user can see.
        if self._errors.pop("version", None):
            self.add_error(None, self.MESSAGE_VERSION)
        return donnees

    def enregistrer(self, par):
        raise NotImplementedError

    def appeler(self, fonction, cible, par, /, **champs):
        return fonction(cible, par=par, version=self.cleaned_data["version"], **champs)

    def montrer_version(self, version):
        """After a conflict: keep the user's input, start again from the latest version."""
        donnees = self.data.copy()
        donnees[self.add_prefix("version")] = str(version)
        self.data = donnees
