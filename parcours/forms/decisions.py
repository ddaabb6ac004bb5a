"""Forms of the decisions on a parcours: orientation, référent unique, contrat d'engagement."""

from django import forms
from django.core.exceptions import ValidationError

from pacte.widgets import SelectRapide
from parcours import contrats, orientations, reorientations
from parcours.calendrier import aujourdhui
from parcours.choices import (
    EtatContrat,
    OrganismeReferent,
    TypeOrientation,
)
from parcours.forms.base import ChampDate, FormulaireParcours
from parcours.models import ContratEngagement
from parcours.permissions import peut_decider_reorientation


class OrientationForm(FormulaireParcours):
    slug = "orientation"
    titre = "Orienter ou réorienter"
    message_succes = "Orientation enregistrée."

    type = forms.ChoiceField(label="Type d'orientation", choices=TypeOrientation.choices, widget=SelectRapide)
    organisme_referent = forms.ChoiceField(
        label="Organisme référent",
        choices=OrganismeReferent.choices,
        widget=SelectRapide,
        help_text="Professionnelle : France Travail, Cap emploi ou mission locale. Socio-professionnelle : "
        "département, France Travail ou association. Sociale : département, CCAS ou association.",
    )
    date_decision = ChampDate(label="Date de la décision", initial=aujourdhui)
    motif = forms.CharField(
        label="Motif de la réorientation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour une réorientation.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        if self.parcours.orientation_courante_id is not None and not peut_decider_reorientation(par):
            raise ValidationError(
                "Ce parcours est déjà orienté : une réorientation se demande au chargé d'orientation ou au "
                "responsable de MDD (« Demander une réorientation »)."
            )
        return self.appeler(
            orientations.orienter,
            self.parcours,
            par,
            type=d["type"],
            organisme_referent=d["organisme_referent"],
            date_decision=d["date_decision"],
            motif=d["motif"],
        )


class DemandeReorientationForm(FormulaireParcours):
    slug = "reorientation"
    titre = "Demander une réorientation"
    message_succes = "Demande de réorientation envoyée : vous serez averti de la décision sur votre accueil."

    type_souhaite = forms.ChoiceField(
        label="Orientation demandée", choices=TypeOrientation.choices, widget=SelectRapide
    )
    organisme_souhaite = forms.ChoiceField(
        label="Organisme référent demandé", choices=OrganismeReferent.choices, widget=SelectRapide
    )
    motif = forms.CharField(
        label="Motif de la demande",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce qui a changé dans la situation de la personne, sans information médicale.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        return reorientations.demander(
            self.parcours,
            par=par,
            type_souhaite=d["type_souhaite"],
            organisme_souhaite=d["organisme_souhaite"],
            motif=d["motif"],
        )


class ReferentForm(FormulaireParcours):
    slug = "referent"
    titre = "Changer de référent unique"
    message_succes = "Référent unique enregistré."

    nouveau = forms.ModelChoiceField(label="Nouveau référent", queryset=None, widget=SelectRapide)
    date = ChampDate(label="Date du changement", initial=aujourdhui)
    motif = forms.CharField(label="Motif", required=False, max_length=250)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nouveau"].queryset = orientations.referents_possibles(self.parcours)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            orientations.changer_referent, self.parcours, par, nouveau=d["nouveau"], date=d["date"], motif=d["motif"]
        )


class ContratForm(FormulaireParcours):
    slug = "contrat"
    titre = "Enregistrer un contrat d'engagement"
    message_succes = "Contrat d'engagement enregistré."

    date_debut = ChampDate(label="Début du contrat")
    date_fin = ChampDate(label="Fin du contrat", help_text="Habituellement 6 à 12 mois après le début.")
    objectifs = forms.CharField(label="Objectifs", widget=forms.Textarea(attrs={"rows": 3}))
    heures_hebdomadaires = forms.DecimalField(
        label="Heures d'activité par semaine",
        min_value=0,
        max_value=35,
        max_digits=4,
        decimal_places=1,
        localize=True,
        initial=15,
        help_text="De 0 à 35 heures (cible : 15 heures).",
    )
    date_signature = ChampDate(
        label="Date de signature", required=False, help_text="Laissez vide pour un contrat en brouillon."
    )
    motif_duree = forms.CharField(
        label="Motif d'une durée de plus de 12 mois",
        required=False,
        max_length=250,
        help_text="Obligatoire si le contrat dure plus de 12 mois.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            contrats.enregistrer_contrat,
            self.parcours,
            par,
            date_debut=d["date_debut"],
            date_fin=d["date_fin"],
            objectifs=d["objectifs"],
            heures_hebdomadaires=d["heures_hebdomadaires"],
            date_signature=d["date_signature"],
            motif_duree=d["motif_duree"],
        )


class SignatureForm(FormulaireParcours):
    slug = "signature"
    titre = "Signer un contrat en brouillon"
    message_succes = "Signature du contrat enregistrée."

    contrat = forms.ModelChoiceField(label="Contrat", queryset=None, widget=SelectRapide)
    date_signature = ChampDate(label="Date de signature", initial=aujourdhui)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contrat"].queryset = ContratEngagement.objects.filter(
            parcours=self.parcours, etat=EtatContrat.BROUILLON
        )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(contrats.signer_contrat, d["contrat"], par, date_signature=d["date_signature"])


class ResiliationForm(FormulaireParcours):
    slug = "resiliation"
    titre = "Résilier un contrat signé"
    message_succes = "Résiliation du contrat enregistrée."

    contrat = forms.ModelChoiceField(label="Contrat", queryset=None, widget=SelectRapide)
    date_resiliation = ChampDate(label="Date de résiliation", initial=aujourdhui)
    motif_resiliation = forms.CharField(label="Motif de résiliation", max_length=250)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contrat"].queryset = ContratEngagement.objects.filter(
            parcours=self.parcours, etat=EtatContrat.SIGNE
        )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            contrats.resilier_contrat,
            d["contrat"],
            par,
            date_resiliation=d["date_resiliation"],
            motif=d["motif_resiliation"],
        )
