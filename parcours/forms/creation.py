"""Creation of a beneficiary and of their first parcours."""

from django import forms

from pacte.forms import BaseForm
from pacte.models import MDD, Commune
from pacte.widgets import SelectRapide
from parcours import personnes
from parcours.calendrier import aujourdhui
from parcours.choices import (
    OrganismePayeur,
    Qualite,
    Sexe,
)
from parcours.forms.base import ChampDate
from parcours.models.beneficiaires import numero_allocataire_validator


class NouveauBeneficiaireForm(BaseForm):
    organisme_payeur = forms.ChoiceField(label="Organisme payeur", choices=OrganismePayeur.choices, widget=SelectRapide)
    numero_allocataire = forms.CharField(
        label="Numéro allocataire", max_length=13, validators=[numero_allocataire_validator]
    )
    qualite = forms.ChoiceField(label="Qualité dans le foyer", choices=Qualite.choices, widget=SelectRapide)
    nom = forms.CharField(label="Nom", max_length=150)
    prenom = forms.CharField(label="Prénom", max_length=150)
    date_naissance = ChampDate(label="Date de naissance")
    sexe = forms.ChoiceField(
        label="Sexe", choices=[("", "Non renseigné"), *Sexe.choices], required=False, widget=SelectRapide
    )
    commune = forms.ModelChoiceField(
        label="Commune de résidence", queryset=Commune.objects.all(), required=False, widget=SelectRapide
    )
    adresse = forms.CharField(label="Adresse", max_length=250, required=False)
    telephone = forms.CharField(label="Téléphone", max_length=20, required=False)
    email = forms.EmailField(label="Adresse électronique", required=False)
    mdd = forms.ModelChoiceField(label="MDD qui suit la personne", queryset=None, widget=SelectRapide)
    date_ouverture_droit = ChampDate(label="Date d'ouverture de droit")
    date_entree = ChampDate(label="Date d'entrée dans le dispositif", initial=aujourdhui)
    confirme_autre_personne = forms.BooleanField(
        label="J'ai vérifié les personnes proches ci-dessus : il s'agit d'une autre personne.",
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mdd"].queryset = user.mdds.all() if user.est_agent_mdd else MDD.objects.all()

    def identite(self):
        d = self.cleaned_data
        return personnes.IdentiteBeneficiaire(
            organisme_payeur=d["organisme_payeur"],
            numero_allocataire=d["numero_allocataire"],
            qualite=d["qualite"],
            nom=d["nom"].strip(),
            prenom=d["prenom"].strip(),
            date_naissance=d["date_naissance"],
        )

    def autres_champs(self):
        d = self.cleaned_data
        return {k: d[k] for k in ("sexe", "commune", "adresse", "telephone", "email")}
