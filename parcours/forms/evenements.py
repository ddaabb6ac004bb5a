"""Forms of the follow-up events of a parcours: freins, rendez-vous, notes, sortie, transfert, coordonnées."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from pacte.choices import TypeSortie
from pacte.models import MDD, Commune
from pacte.widgets import SelectRapide
from parcours import mouvements, personnes, sortie, suivi
from parcours.calendrier import aujourdhui, debut_du_jour
from parcours.choices import (
    CategorieFrein,
    NatureRendezVous,
    Presence,
)
from parcours.forms.base import ChampDate, FormulaireParcours
from parcours.models import Frein, RendezVous


class FreinForm(FormulaireParcours):
    slug = "frein"
    titre = "Identifier un frein périphérique"
    message_succes = "Frein enregistré."

    categorie = forms.ChoiceField(label="Catégorie", choices=CategorieFrein.choices, widget=SelectRapide)
    date_identification = ChampDate(label="Identifié le", initial=aujourdhui)
    commentaire = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=250,
        help_text="Aucune information médicale : pour la santé, seule la catégorie est enregistrée.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            suivi.identifier_frein,
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
    date_levee = ChampDate(label="Levé le", initial=aujourdhui)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frein"].queryset = Frein.objects.filter(parcours=self.parcours, date_levee__isnull=True)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(suivi.lever_frein, d["frein"], par, date_levee=d["date_levee"])


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
            suivi.planifier_rendez_vous,
            self.parcours,
            par,
            date=moment,
            nature=d["nature"],
            presence=d["presence"],
            objet=d["objet"],
            avec=par,
        )


def libelle_rendez_vous(rdv):
    return f"{timezone.localtime(rdv.date):%d/%m/%Y à %H:%M} — {rdv.get_nature_display()}"


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
        # Up to the end of today: a rendez-vous later today is listed, and noting it before its time gets the
        # service's French message rather than a choice that silently is not there.
        fin_du_jour = debut_du_jour(aujourdhui() + datetime.timedelta(days=1))
        champ = self.fields["rendez_vous"]
        champ.queryset = RendezVous.objects.filter(
            parcours=self.parcours, presence=Presence.PREVU, date__lt=fin_du_jour
        ).order_by("-date")
        champ.label_from_instance = libelle_rendez_vous

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(suivi.noter_presence, d["rendez_vous"], par, presence=d["presence"])


class NoteForm(FormulaireParcours):
    slug = "note"
    titre = "Ajouter une note"
    message_succes = "Note ajoutée."

    date = ChampDate(label="Date", initial=aujourdhui)
    texte = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Les faits utiles à l'accompagnement, sans information médicale.",
    )

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(suivi.ajouter_note, self.parcours, par, date=d["date"], texte=d["texte"])


class SortieForm(FormulaireParcours):
    slug = "sortie"
    titre = "Enregistrer la sortie du dispositif"
    message_succes = "Sortie enregistrée : le parcours est clos."

    date = ChampDate(label="Date de sortie", initial=aujourdhui)
    type = forms.ChoiceField(label="Motif de sortie", choices=TypeSortie.choices, widget=SelectRapide)
    commentaire = forms.CharField(label="Commentaire", required=False, max_length=250)
    # The list of open items the user was shown (parcours.sortie): the sortie settles exactly those.
    confirmation = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ouvert = sortie.ouvert_a_la_sortie(self.parcours)
        self.initial["confirmation"] = self.ouvert.empreinte()

    def enregistrer(self, par):
        d = self.cleaned_data
        try:
            return self.appeler(
                sortie.cloturer,
                self.parcours,
                par,
                date=d["date"],
                type=d["type"],
                commentaire=d["commentaire"],
                empreinte=d["confirmation"],
            )
        except ValidationError:
            # Shown again with today's list: confirming it is what the next POST does.
            donnees = self.data.copy()
            donnees[self.add_prefix("confirmation")] = self.ouvert.empreinte()
            self.data = donnees
            raise


class TransfertForm(FormulaireParcours):
    slug = "transfert"
    titre = "Transférer vers une autre MDD"
    message_succes = "Transfert enregistré."

    mdd_destination = forms.ModelChoiceField(label="MDD de destination", queryset=None, widget=SelectRapide)
    date = ChampDate(label="Date du transfert", initial=aujourdhui)
    motif = forms.CharField(label="Motif", required=False, max_length=250)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mdd_destination"].queryset = MDD.objects.exclude(pk=self.parcours.mdd_id)

    def enregistrer(self, par):
        d = self.cleaned_data
        return self.appeler(
            mouvements.transferer,
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
            personnes.modifier_coordonnees,
            self.parcours,
            par,
            commune=d["commune"],
            adresse=d["adresse"],
            telephone=d["telephone"],
            email=d["email"],
        )
