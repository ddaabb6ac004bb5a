"""Forms of the parcours page. Each records one event through parcours.services.

Every form carries the parcours version it started from (optimistic locking) and a prefix, so that
all of them live on one page with unique field ids.
"""

import datetime

from django import forms
from django.utils import timezone

from pacte.choices import TypeSortie
from pacte.forms import BaseForm
from pacte.models import MDD, Commune
from parcours import services
from parcours.choices import (
    CategorieFrein,
    EtatContrat,
    NatureRendezVous,
    OrganismePayeur,
    OrganismeReferent,
    Presence,
    Qualite,
    Sexe,
    TypeOrientation,
)
from parcours.models import ContratEngagement, Frein, RendezVous
from parcours.models.beneficiaires import numero_allocataire_validator
from parcours.widgets import SelectRapide


class ChampDate(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _aujourdhui():
    return timezone.localdate()


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
    date_decision = ChampDate(label="Date de la décision", initial=_aujourdhui)
    motif = forms.CharField(
        label="Motif de la réorientation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour une réorientation.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            services.orienter,
            self.parcours,
            par,
            type=d["type"],
            organisme_referent=d["organisme_referent"],
            date_decision=d["date_decision"],
            motif=d["motif"],
        )


class ReferentForm(FormulaireParcours):
    slug = "referent"
    titre = "Changer de référent unique"
    message_succes = "Référent unique enregistré."

    nouveau = forms.ModelChoiceField(label="Nouveau référent", queryset=None, widget=SelectRapide)
    date = ChampDate(label="Date du changement", initial=_aujourdhui)
    motif = forms.CharField(label="Motif", required=False, max_length=250)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nouveau"].queryset = services.referents_possibles(self.parcours)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            services.changer_referent, self.parcours, par, nouveau=d["nouveau"], date=d["date"], motif=d["motif"]
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
            services.enregistrer_contrat,
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
    date_signature = ChampDate(label="Date de signature", initial=_aujourdhui)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contrat"].queryset = ContratEngagement.objects.filter(
            parcours=self.parcours, etat=EtatContrat.BROUILLON
        )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(services.signer_contrat, d["contrat"], par, date_signature=d["date_signature"])


class ResiliationForm(FormulaireParcours):
    slug = "resiliation"
    titre = "Résilier un contrat signé"
    message_succes = "Résiliation du contrat enregistrée."

    contrat = forms.ModelChoiceField(label="Contrat", queryset=None, widget=SelectRapide)
    date_resiliation = ChampDate(label="Date de résiliation", initial=_aujourdhui)
    motif_resiliation = forms.CharField(label="Motif de résiliation", max_length=250)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contrat"].queryset = ContratEngagement.objects.filter(
            parcours=self.parcours, etat=EtatContrat.SIGNE
        )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            services.resilier_contrat,
            d["contrat"],
            par,
            date_resiliation=d["date_resiliation"],
            motif=d["motif_resiliation"],
        )


class FreinForm(FormulaireParcours):
    slug = "frein"
    titre = "Identifier un frein périphérique"
    message_succes = "Frein enregistré."

    categorie = forms.ChoiceField(label="Catégorie", choices=CategorieFrein.choices, widget=SelectRapide)
    date_identification = ChampDate(label="Identifié le", initial=_aujourdhui)
    commentaire = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=250,
        help_text="Aucune information médicale : pour la santé, seule la catégorie est enregistrée.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            services.identifier_frein,
            self.parcours,
            par,
            categorie=d["categorie"],
            date_identification=d["date_identification"],
            commentaire=d["commentaire"],
        )


class LeveeFreinForm(FormulaireParcours):
    slug = "levee"
    titre = "Lever un frein"
    message_succes = "Levée du frein enregistrée."

    frein = forms.ModelChoiceField(label="Frein", queryset=None, widget=SelectRapide)
    date_levee = ChampDate(label="Levé le", initial=_aujourdhui)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frein"].queryset = Frein.objects.filter(parcours=self.parcours, date_levee__isnull=True)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(services.lever_frein, d["frein"], par, date_levee=d["date_levee"])


class RendezVousForm(FormulaireParcours):
    slug = "rendez_vous"
    titre = "Planifier ou enregistrer un rendez-vous"
    message_succes = "Rendez-vous enregistré."

    date = ChampDate(label="Date du rendez-vous")
    heure = forms.TimeField(
        label="Heure", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), initial=datetime.time(9, 30)
    )
    nature = forms.ChoiceField(label="Nature", choices=NatureRendezVous.choices, widget=SelectRapide)
    presence = forms.ChoiceField(
        label="Présence",
        choices=Presence.choices,
        initial=Presence.PREVU,
        widget=SelectRapide,
        help_text="« Prévu » pour un rendez-vous à venir.",
    )
    objet = forms.CharField(label="Objet", required=False, max_length=250)

    def enregistrer(self, par):
        d = self.cleaned_data
        moment = timezone.make_aware(datetime.datetime.combine(d["date"], d["heure"]))
        return self.appeler(
            services.planifier_rendez_vous,
            self.parcours,
            par,
            date=moment,
            nature=d["nature"],
            presence=d["presence"],
            objet=d["objet"],
            avec=par,
        )


class PresenceForm(FormulaireParcours):
    slug = "presence"
    titre = "Noter la présence à un rendez-vous"
    message_succes = "Présence enregistrée."

    rendez_vous = forms.ModelChoiceField(label="Rendez-vous", queryset=None, widget=SelectRapide)
    presence = forms.ChoiceField(
        label="Présence", choices=[c for c in Presence.choices if c[0] != Presence.PREVU], widget=SelectRapide
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rendez_vous"].queryset = RendezVous.objects.filter(
            parcours=self.parcours, presence=Presence.PREVU, date__lte=timezone.now()
        )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(services.noter_presence, d["rendez_vous"], par, presence=d["presence"])


class NoteForm(FormulaireParcours):
    slug = "note"
    titre = "Ajouter une note"
    message_succes = "Note ajoutée."

    date = ChampDate(label="Date", initial=_aujourdhui)
    texte = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Les faits utiles à l'accompagnement, sans information médicale.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(services.ajouter_note, self.parcours, par, date=d["date"], texte=d["texte"])


class SortieForm(FormulaireParcours):
    slug = "sortie"
    titre = "Enregistrer la sortie du dispositif"
    message_succes = "Sortie enregistrée : le parcours est clos."

    date = ChampDate(label="Date de sortie", initial=_aujourdhui)
    type = forms.ChoiceField(label="Motif de sortie", choices=TypeSortie.choices, widget=SelectRapide)
    commentaire = forms.CharField(label="Commentaire", required=False, max_length=250)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            services.enregistrer_sortie,
            self.parcours,
            par,
            date=d["date"],
            type=d["type"],
            commentaire=d["commentaire"],
        )


class TransfertForm(FormulaireParcours):
    slug = "transfert"
    titre = "Transférer vers une autre MDD"
    message_succes = "Transfert enregistré."

    mdd_destination = forms.ModelChoiceField(label="MDD de destination", queryset=None, widget=SelectRapide)
    date = ChampDate(label="Date du transfert", initial=_aujourdhui)
    motif = forms.CharField(label="Motif", required=False, max_length=250)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mdd_destination"].queryset = MDD.objects.exclude(pk=self.parcours.mdd_id)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            services.transferer,
            self.parcours,
            par,
            mdd_destination=d["mdd_destination"],
            date=d["date"],
            motif=d["motif"],
        )


class CoordonneesForm(FormulaireParcours):
    slug = "coordonnees"
    titre = "Modifier les coordonnées"
    message_succes = "Coordonnées enregistrées."

    commune = forms.ModelChoiceField(
        label="Commune de résidence", queryset=Commune.objects.all(), required=False, widget=SelectRapide
    )
    adresse = forms.CharField(label="Adresse", max_length=250, required=False)
    telephone = forms.CharField(label="Téléphone", max_length=20, required=False)
    email = forms.EmailField(label="Adresse électronique", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            b = self.parcours.beneficiaire
            for nom in ("adresse", "telephone", "email"):
                self.initial.setdefault(nom, getattr(b, nom))
            self.initial.setdefault("commune", b.commune_id)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            services.modifier_coordonnees,
            self.parcours,
            par,
            commune=d["commune"],
            adresse=d["adresse"],
            telephone=d["telephone"],
            email=d["email"],
        )


FORMULAIRES = {
    form.slug: form
    for form in (
        OrientationForm,
        ReferentForm,
        ContratForm,
        SignatureForm,
        ResiliationForm,
        FreinForm,
        LeveeFreinForm,
        RendezVousForm,
        PresenceForm,
        NoteForm,
        SortieForm,
        TransfertForm,
        CoordonneesForm,
    )
}


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
    date_entree = ChampDate(label="Date d'entrée dans le dispositif", initial=_aujourdhui)
    confirme_autre_personne = forms.BooleanField(
        label="J'ai vérifié les personnes proches ci-dessus : il s'agit d'une autre personne.",
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mdd"].queryset = user.mdds.all() if user.est_agent_mdd else MDD.objects.all()

    def identite(self):
        d = self.cleaned_data
        return services.IdentiteBeneficiaire(
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
