from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from pacte.choices import TypeSortie
from pacte.forms import BaseForm, ModelForm
from pacte.models import Site
from partenaires.models import (
    Action,
    Ajustement,
    Cofinancement,
    DecisionReunion,
    Financement,
    MembreGroupe,
    Partenaire,
    ResultatAction,
    ReunionGroupe,
    Versement,
)
from partenaires.models.actions import Indicateur
from partenaires.services import CHAMPS_RESULTAT, verifier_resultat

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def rattacher_erreurs(form, erreur: ValidationError):
    """Put a service's ValidationError next to its fields (or at the top of the form)."""
    if hasattr(erreur, "error_dict"):
        for champ, erreurs in erreur.error_dict.items():
            form.add_error(champ if champ in form.fields else None, erreurs)
    else:
        form.add_error(None, erreur)


class AjustementForm(BaseForm):
    date = forms.DateField(label="Date de l'accord", widget=DATE)
    objet = forms.CharField(label="Objet", max_length=200)
    decision = forms.CharField(label="Décision", widget=forms.Textarea(attrs={"rows": 3}))
    effet = forms.ChoiceField(label="Effet sur l'action", choices=Ajustement.Effet.choices)
    decision_reunion = forms.ModelChoiceField(
        label="Décision du groupe de travail à l'origine de l'ajustement (facultatif)",
        queryset=DecisionReunion.objects.none(),
        required=False,
    )
    indicateur = forms.ChoiceField(
        label="Indicateur dont l'objectif change", choices=[("", "—"), *Indicateur.choices], required=False
    )
    valeur_cible = forms.IntegerField(label="Nouvelle valeur cible", min_value=0, required=False)
    montant_conventionne = forms.DecimalField(
        label="Nouveau montant conventionné (€)", min_value=0, max_digits=12, decimal_places=2, required=False
    )
    date_debut = forms.DateField(label="Nouvelle date de début", widget=DATE, required=False)
    date_fin = forms.DateField(label="Nouvelle date de fin", widget=DATE, required=False)
    places = forms.IntegerField(label="Nouveau nombre de places", min_value=0, required=False)

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_reunion"].queryset = DecisionReunion.objects.filter(
            reunion__groupe__thematique_id=action.thematique_id
        ).select_related("reunion")
        self.fields["decision_reunion"].label_from_instance = lambda d: f"{d.reunion.date:%d/%m/%Y} — {d.texte[:80]}"

    def clean(self):
        donnees = super().clean()
        effet = donnees.get("effet")
        E = Ajustement.Effet
        requis = {
            E.OBJECTIFS: ["indicateur", "valeur_cible"],
            E.FINANCEMENT: ["montant_conventionne"],
            E.PERIODE: ["date_debut", "date_fin"],
            E.PLACES: ["places"],
        }.get(effet, [])
        for champ in requis:
            if donnees.get(champ) in (None, ""):
                self.add_error(champ, "Ce champ est obligatoire pour l'effet choisi.")
        return donnees


class ResultatForm(ModelForm):
    class Meta:
        model = ResultatAction
        fields = ["periode_debut", "periode_fin", *CHAMPS_RESULTAT]
        widgets = {"periode_debut": DATE, "periode_fin": DATE}

    def __init__(self, *args, action: Action, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)
        for champ in CHAMPS_RESULTAT:
            # Negative figures get our French message rather than the browser's.
            self.fields[champ].min_value = None
            self.fields[champ].validators = []
            self.fields[champ].widget.attrs.pop("min", None)
            if champ != "participants":
                self.fields[champ].required = False

    def clean(self):
        donnees = super().clean()
        if self.errors:
            return donnees
        try:
            verifier_resultat(
                self.action,
                donnees.get("periode_debut"),
                donnees.get("periode_fin"),
                {champ: donnees.get(champ) for champ in CHAMPS_RESULTAT},
                exclure_pk=self.instance.pk,
            )
        except ValidationError as erreur:
            rattacher_erreurs(self, erreur)
        return donnees

    def _post_clean(self):
        # Model validation would repeat our checks with other words; the service saves.
        pass


# What each step of a prescription asks, nothing more: no exit reason while it is only proposed.
CHAMPS_PAR_ETAPE = {
    "acceptee": {"date": "Date de l'acceptation"},
    "refusee": {"date": "Date du refus", "motif": "Motif du refus"},
    "entree": {"date": "Date d'entrée dans l'action"},
    "sortie": {"date": "Date de sortie de l'action", "type_sortie": "Motif de sortie"},
    "abandon": {"date": "Date de l'abandon", "motif": "Motif de l'abandon"},
}


class EtapePrescriptionForm(BaseForm):
    """One step of a prescription at the partner's: only the fields that step needs, all required."""

    date = forms.DateField(label="Date", widget=DATE)
    motif = forms.CharField(label="Motif", max_length=250)
    type_sortie = forms.ChoiceField(label="Motif de sortie", choices=[("", "—"), *TypeSortie.choices])

    def __init__(self, *args, etat, **kwargs):
        # Several steps on one page: the ids are the step's, the field names stay those the API and tests post.
        kwargs.setdefault("auto_id", f"id_{etat}_%s")
        super().__init__(*args, **kwargs)
        champs = CHAMPS_PAR_ETAPE.get(etat, {"date": "Date"})
        for nom in list(self.fields):
            if nom in champs:
                self.fields[nom].label = champs[nom]
                article = "la" if nom == "date" else "le"
                self.fields[nom].error_messages["required"] = (
                    f"Indiquez {article} {champs[nom][0].lower()}{champs[nom][1:]}."
                )
            else:
                del self.fields[nom]
        # The renderer's preparation built the bound fields with the generic labels: built again with these.
        self._bound_fields_cache.clear()

    def valeur(self, nom):
        return self.cleaned_data.get(nom, "")


class PrescrireForm(BaseForm):
    message_au_partenaire = forms.CharField(
        label="Message au partenaire",
        help_text="Ce que le partenaire doit savoir pour accueillir la personne (disponibilités, démarches en "
        "cours), sans information médicale. Le partenaire le lit avec la prescription.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    motif_hors_capacite = forms.CharField(
        label="Motif de la prescription sur une action complète",
        help_text="Obligatoire seulement si l'action est complète.",
        max_length=250,
        required=False,
    )


class PartenaireForm(ModelForm):
    # Wider than the 14 digits: a SIRET is often typed with spaces (732 829 320 00074).
    siret = forms.CharField(label="SIRET", max_length=20, help_text="14 chiffres, espaces acceptés.")

    class Meta:
        model = Partenaire
        fields = ["siret", "raison_sociale", "nature", "adresse", "commune", "site_web"]
        field_classes = {"site_web": partial(forms.URLField, assume_scheme="https")}

    def clean_siret(self):
        return (self.cleaned_data.get("siret") or "").replace(" ", "")


class FinancementForm(ModelForm):
    class Meta:
        model = Financement
        fields = ["partenaire", "type", "reference", "intitule", "date_debut", "date_fin", "montant_conventionne"]
        widgets = {"date_debut": DATE, "date_fin": DATE}


class CofinancementForm(ModelForm):
    class Meta:
        model = Cofinancement
        fields = ["financeur", "libelle", "montant"]


class VersementForm(ModelForm):
    class Meta:
        model = Versement
        fields = ["nature", "date", "montant"]
        widgets = {"date": DATE}

    def _post_clean(self):
        pass


class ActionForm(ModelForm):
    class Meta:
        model = Action
        fields = [
            "intitule",
            "description",
            "thematique",
            "objectif",
            "partenaire",
            "financement",
            "date_debut",
            "date_fin",
            "statut",
            "places",
            "public_cible",
            "territoires",
            "sites",
        ]
        widgets = {"date_debut": DATE, "date_fin": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Site.__str__ reads its commune: one query for the whole list, not one per option.
        self.fields["sites"].queryset = Site.objects.select_related("commune", "mdd")
        self.fields["financement"].queryset = Financement.objects.select_related("partenaire")

    @transaction.atomic
    def save(self, commit=True):
        # The action's row, then its territories and sites: both or neither (ATOMIC_REQUESTS is off).
        return super().save(commit=commit)

    def clean(self):
        donnees = super().clean()
        objectif, thematique = donnees.get("objectif"), donnees.get("thematique")
        if objectif and thematique and objectif.thematique_id != thematique.pk:
            self.add_error("objectif", "Cet objectif n'appartient pas à la thématique choisie.")
        financement, partenaire = donnees.get("financement"), donnees.get("partenaire")
        if financement and partenaire and financement.partenaire_id != partenaire.pk:
            self.add_error("financement", "Ce financement est celui d'un autre partenaire.")
        return donnees


class MembreForm(ModelForm):
    class Meta:
        model = MembreGroupe
        fields = ["nom", "structure", "utilisateur", "partenaire"]
        labels = {
            "utilisateur": "Compte dans l'application (facultatif)",
            "partenaire": "Partenaire représenté (facultatif)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utilisateur"].queryset = self.fields["utilisateur"].queryset.filter(is_active=True)


class ReunionForm(ModelForm):
    decisions = forms.CharField(
        label="Décisions (une par ligne)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    class Meta:
        model = ReunionGroupe
        fields = ["date", "participants", "ordre_du_jour", "compte_rendu"]
        widgets = {"date": DATE}

    def __init__(self, *args, groupe, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = groupe.membres.all()


class ImportPartenairesForm(BaseForm):
    fichier = forms.FileField(label="Fichier CSV des partenaires")
    mode = forms.ChoiceField(
        label="Mode",
        choices=[
            ("simulation", "Simulation : vérifier sans rien enregistrer"),
            ("import", "Importer les lignes valides"),
        ],
        initial="simulation",
    )
