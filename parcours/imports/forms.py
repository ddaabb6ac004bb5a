from django import forms

from pacte.forms import BaseForm

TAILLE_MAX = 20 * 1024 * 1024


class DepotEntrantsForm(BaseForm):
    fichier = forms.FileField(
        label="Fichier des nouveaux entrants (CSV)",
        help_text="Fichier CSV de la CAF ou de la MSA, séparé par des points-virgules ou des virgules, "
        "encodé en UTF-8 ou en Latin-1. 20 Mo au plus.",
        error_messages={
            "required": "Choisissez le fichier CSV des nouveaux entrants.",
            "empty": "Le fichier est vide : il doit contenir une ligne d'en-tête puis une ligne par personne.",
        },
    )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        if fichier.size > TAILLE_MAX:
            raise forms.ValidationError(
                f"Le fichier pèse {fichier.size / 1024 / 1024:.1f} Mo : 20 Mo au plus sont acceptés. "
                "Découpez-le ou vérifiez qu'il s'agit bien du fichier des entrants."
            )
        return fichier
