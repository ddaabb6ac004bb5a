import datetime

from django import forms
from django.utils import timezone

from evaluation.indicateurs import Filtres, valider_jour_de_periode
from pacte.choices import Milieu
from pacte.forms import BaseForm
from pacte.models import MDD, Territoire, Thematique


def annees_proposees():
    courante = timezone.localdate().year
    return [(a, str(a)) for a in range(courante, courante - 8, -1)]


def un_an_avant(date: datetime.date) -> datetime.date:
    try:
        return date.replace(year=date.year - 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year - 1, day=28)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodeForm(BaseForm):
    annee = forms.TypedChoiceField(label="Année", coerce=int, required=False, choices=[])
    debut = forms.DateField(
        label="Ou du",
        required=False,
        widget=DateInput(),
        help_text="Période libre : début.",
        validators=[valider_jour_de_periode],
    )
    fin = forms.DateField(
        label="Au",
        required=False,
        widget=DateInput(),
        help_text="Période libre : fin.",
        validators=[valider_jour_de_periode],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", "Année en cours"), *annees_proposees()]

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("debut"), donnees.get("fin")
        if debut or fin:
            if not (debut and fin):
                self.add_error("fin" if debut else "debut", "Indiquez le début et la fin de la période.")
            elif debut > fin:
                self.add_error("fin", "La fin de la période doit suivre son début.")
        return donnees

    def periode(self) -> tuple[datetime.date, datetime.date]:
        d = self.cleaned_data
        if d.get("debut") and d.get("fin"):
            return d["debut"], d["fin"]
        annee = d.get("annee") or timezone.localdate().year
        return datetime.date(annee, 1, 1), datetime.date(annee, 12, 31)


class TableauDeBordForm(PeriodeForm):
    thematique = forms.ModelChoiceField(
        label="Thématique",
        queryset=Thematique.objects.order_by("pacte_id", "numero"),
        required=False,
        empty_label="Toutes",
    )
    mdd = forms.ModelChoiceField(
        label="Maison du département", queryset=MDD.objects.all(), required=False, empty_label="Toutes"
    )
    territoire = forms.ModelChoiceField(
        label="Territoire", queryset=Territoire.objects.all(), required=False, empty_label="Tous"
    )
    milieu = forms.ChoiceField(label="Milieu", choices=[("", "Urbain et rural"), *Milieu.choices], required=False)

    def filtres(self) -> Filtres:
        d = self.cleaned_data
        return Filtres(
            thematique=d["thematique"].pk if d.get("thematique") else None,
            mdd=d["mdd"].pk if d.get("mdd") else None,
            territoire=d["territoire"].pk if d.get("territoire") else None,
            milieu=d.get("milieu") or None,
        )


class NarratifForm(BaseForm):
    avancees = forms.CharField(label="Avancées de l'année", widget=forms.Textarea(attrs={"rows": 6}))
    difficultes = forms.CharField(label="Difficultés rencontrées", widget=forms.Textarea(attrs={"rows": 6}))


class NouveauBilanForm(BaseForm):
    annee = forms.TypedChoiceField(label="Année du bilan", coerce=int, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = annees_proposees()


class SoumissionForm(BaseForm):
    date_soumission = forms.DateField(
        label="Date de soumission à l'assemblée",
        widget=DateInput(),
        help_text="Aujourd'hui, ou la date réelle d'un dépôt fait d'abord sur papier.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date_soumission": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ApprobationForm(BaseForm):
    date_deliberation = forms.DateField(label="Date de la délibération", widget=DateInput())
    numero_deliberation = forms.CharField(label="Numéro de la délibération", max_length=50)


class ComparaisonForm(BaseForm):
    a = forms.ModelChoiceField(label="Version de référence", queryset=None, empty_label=None)
    b = forms.ModelChoiceField(label="Version comparée", queryset=None, empty_label=None)

    def __init__(self, *args, bilans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].queryset = bilans
        self.fields["b"].queryset = bilans


class ComiteForm(BaseForm):
    date = forms.DateField(label="Date de la séance", widget=DateInput())
    periode_debut = forms.DateField(label="Début de la période couverte", widget=DateInput())
    periode_fin = forms.DateField(label="Fin de la période couverte", widget=DateInput())
    participants = forms.CharField(
        label="Structures représentées",
        help_text="Les institutions et fonctions présentes, sans nom de personne.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("periode_debut"), donnees.get("periode_fin")
        if debut and fin and debut > fin:
            self.add_error("periode_fin", "La fin de la période doit suivre son début.")
        return donnees


class DecisionForm(BaseForm):
    texte = forms.CharField(label="Décision du comité", widget=forms.Textarea(attrs={"rows": 3}))
