"""Forms of the droits et devoirs pages: they read the input; the rules are the business functions'."""

from django import forms

from droits.choices import (
    FormeObservation,
    MotifAmenagement,
    MotifRemobilisation,
    NatureActivite,
    NatureDecision,
    NatureManquement,
    RoleMembreEP,
)
from pacte.forms import BaseForm
from parcours.choices import OrganismePayeur

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label, **kwargs):
    return forms.DateField(label=label, widget=DATE, **kwargs)


class ManquementForm(BaseForm):
    nature = forms.ChoiceField(label="Nature du manquement", choices=NatureManquement.choices)
    date_constat = _date("Date du constat")
    faits = forms.CharField(
        label="Faits reprochés",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="La personne en sera informée par courrier : des faits, sans appréciation.",
    )


class InformationForm(BaseForm):
    date_information = _date("Date d'envoi du courrier d'information")


class ObservationForm(BaseForm):
    forme = forms.ChoiceField(label="Forme", choices=FormeObservation.choices)
    date = _date("Reçues le")
    texte = forms.CharField(label="Observations de la personne", widget=forms.Textarea(attrs={"rows": 3}))
    assiste_par = forms.CharField(label="Assistée par (facultatif)", required=False, max_length=150)


class ClassementForm(BaseForm):
    motif = forms.CharField(label="Motif du classement sans suite", max_length=250)


class DecisionForm(BaseForm):
    nature = forms.ChoiceField(label="Décision", choices=NatureDecision.choices)
    date_decision = _date("Date de la décision")
    motivation = forms.CharField(label="Motifs", widget=forms.Textarea(attrs={"rows": 4}))
    taux = forms.IntegerField(label="Taux de suspension (%)", required=False)
    duree_mois = forms.IntegerField(label="Durée (mois)", required=False)
    date_debut = _date("Début de la suspension", required=False)
    foyer_plusieurs_personnes = forms.BooleanField(label="Foyer de plus d'une personne (ou majoré)", required=False)
    montant_mensuel = forms.DecimalField(
        label="Montant mensuel de l'allocation (€, facultatif)",
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=0,
    )


class RemobilisationForm(BaseForm):
    date = _date("Date de la remobilisation")
    motif = forms.ChoiceField(label="Comment la personne s'est remobilisée", choices=MotifRemobilisation.choices)


class ActiviteForm(BaseForm):
    nature = forms.ChoiceField(label="Nature de l'activité", choices=NatureActivite.choices)
    libelle = forms.CharField(label="Intitulé", max_length=200)
    heures_hebdomadaires = forms.DecimalField(label="Heures prévues par semaine", max_digits=4, decimal_places=1)
    date_debut = _date("Début")
    date_fin = _date("Fin")


class HeuresForm(BaseForm):
    semaine = _date("Semaine du", help_text="Un jour de la semaine : les heures sont rangées à son lundi.")
    heures = forms.DecimalField(label="Heures réalisées", max_digits=4, decimal_places=1)
    source = forms.ChoiceField(
        label="Déclarées par", choices=[("referent", "Le référent"), ("partenaire", "Le partenaire")]
    )
    commentaire = forms.CharField(label="Commentaire (facultatif)", required=False, max_length=250)


class AmenagementForm(BaseForm):
    motif = forms.ChoiceField(label="Motif", choices=MotifAmenagement.choices)
    heures_hebdomadaires = forms.DecimalField(
        label="Heures par semaine après aménagement (0 : dispense)", max_digits=4, decimal_places=1, min_value=0
    )
    date_debut = _date("Début")
    date_fin = _date("Fin")
    justification = forms.CharField(
        label="Justification", max_length=250, help_text="Sans aucune information médicale."
    )


class SeanceForm(BaseForm):
    territoire = forms.ModelChoiceField(label="Territoire", queryset=None)
    date = forms.DateTimeField(label="Date et heure", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    lieu = forms.CharField(label="Lieu", max_length=200)

    def __init__(self, *args, territoires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territoire"].queryset = territoires


class MembreForm(BaseForm):
    role = forms.ChoiceField(label="Rôle", choices=RoleMembreEP.choices)
    nom = forms.CharField(label="Nom", max_length=150, required=False)
    utilisateur = forms.ModelChoiceField(
        label="Compte (facultatif)",
        queryset=None,
        required=False,
        help_text="Un membre avec un compte consulte les dossiers de la séance.",
    )

    def __init__(self, *args, utilisateurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utilisateur"].queryset = utilisateurs


class InscriptionForm(BaseForm):
    manquement = forms.ModelChoiceField(label="Manquement à inscrire", queryset=None)

    def __init__(self, *args, manquements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manquement"].queryset = manquements
        self.fields["manquement"].label_from_instance = lambda m: f"{m.parcours.beneficiaire} — {m}"


class PresencesForm(BaseForm):
    presents = forms.ModelMultipleChoiceField(
        label="Membres présents", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, membres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presents"].queryset = membres


class AvisForm(BaseForm):
    avis = forms.ChoiceField(
        label="Avis de l'équipe",
        choices=[
            ("sans_sanction", "Pas de sanction"),
            ("suspension", "Suspension-remobilisation"),
            ("reorientation", "Réorientation"),
            ("ajournement", "Ajournement"),
        ],
    )
    taux = forms.IntegerField(label="Taux proposé (%)", required=False)
    duree = forms.IntegerField(label="Durée proposée (mois)", required=False)
    votes_pour = forms.IntegerField(label="Voix pour", min_value=0)
    votes_contre = forms.IntegerField(label="Voix contre", min_value=0)
    abstentions = forms.IntegerField(label="Abstentions", min_value=0)
    motivation = forms.CharField(label="Motivation", widget=forms.Textarea(attrs={"rows": 3}))
    personne_entendue = forms.BooleanField(label="La personne a été entendue", required=False)


class ExportForm(BaseForm):
    organisme = forms.ChoiceField(label="Organisme payeur", choices=OrganismePayeur.choices)
