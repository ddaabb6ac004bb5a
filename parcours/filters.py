"""Filters of the file active. The home page alerts link to `?alerte=<value>` of this list."""

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q

from pacte.forms import FiltresForm
from pacte.models import User
from pacte.models.utilisateurs import ROLES_MDD
from pacte.referentiel import delai_orientation_jours
from pacte.text import normaliser
from pacte.widgets import ListeRapide, SelectRapide
from parcours.calendrier import ajouter_mois, aujourdhui, debut_du_jour
from parcours.choices import CategorieFrein, EtatContrat, Presence, TypeOrientation
from parcours.models import Frein, RendezVous

SANS_RDV_MOIS = 3
ECHEANCE_JOURS = 30


class Alerte:
    A_ORIENTER = "a_orienter"
    A_ORIENTER_30_JOURS = "a_orienter_30_jours"
    CONTRAT_ECHU_OU_ECHEANCE = "contrat_echu_ou_echeance"
    CONTRAT_ECHEANCE = "contrat_echeance_30_jours"
    CONTRAT_ECHU = "contrat_echu"
    SANS_RDV = "sans_rendez_vous_3_mois"

    choices = [
        (A_ORIENTER, "Nouveaux entrants à orienter"),
        (A_ORIENTER_30_JOURS, "À orienter au-delà du délai cible"),
        (CONTRAT_ECHU_OU_ECHEANCE, "Contrat échu ou à échéance sous 30 jours"),
        (CONTRAT_ECHEANCE, "Contrat à échéance sous 30 jours"),
        (CONTRAT_ECHU, "Contrat échu"),
        (SANS_RDV, "Sans rendez-vous depuis 3 mois"),
    ]


def condition_alerte(valeur, jour=None, delai_orientation=None) -> Q:
    """The SQL condition of each alert, shared by the list filter and the home page counts. The orientation delay
    is the référentiel's (pass it when counting several alerts, to read it once)."""
    jour = jour or aujourdhui()
    if valeur == Alerte.A_ORIENTER_30_JOURS and delai_orientation is None:
        delai_orientation = delai_orientation_jours()
    contrat_actif = Q(contrat_courant__etat__in=[EtatContrat.SIGNE, EtatContrat.ECHU])
    echu = contrat_actif & Q(contrat_courant__date_fin__lt=jour)
    echeance = (
        Q(contrat_courant__etat=EtatContrat.SIGNE)
        & Q(contrat_courant__date_fin__gte=jour)
        & Q(contrat_courant__date_fin__lte=jour + timedelta(days=ECHEANCE_JOURS))
    )
    seuil_rdv = ajouter_mois(jour, -SANS_RDV_MOIS)
    # A datetime range in the local time zone, not date__date: the cast hides the index on (parcours, date).
    rdv_recent = RendezVous.objects.filter(
        parcours=OuterRef("pk"),
        date__gte=debut_du_jour(seuil_rdv),
        date__lt=debut_du_jour(jour + timedelta(days=1)),
        presence=Presence.PRESENT,
    )
    return {
        Alerte.A_ORIENTER: Q(orientation_courante__isnull=True),
        Alerte.A_ORIENTER_30_JOURS: Q(orientation_courante__isnull=True)
        & Q(date_entree__lt=jour - timedelta(days=delai_orientation or 0)),
        Alerte.CONTRAT_ECHU_OU_ECHEANCE: echu | echeance,
        Alerte.CONTRAT_ECHEANCE: echeance,
        Alerte.CONTRAT_ECHU: echu,
        Alerte.SANS_RDV: Q(date_entree__lt=seuil_rdv) & ~Exists(rdv_recent),
    }[valeur]


class EtatContratFiltre:
    AUCUN = "aucun"
    EN_COURS = "en_cours"
    choices = [
        (AUCUN, "Sans contrat"),
        (EtatContrat.BROUILLON, "Brouillon"),
        (EN_COURS, "Signé, en cours"),
        (EtatContrat.ECHU, "Échu"),
        (EtatContrat.RESILIE, "Résilié"),
    ]


class StatutParcours:
    OUVERTS = ""
    CLOS = "clos"
    TOUS = "tous"
    choices = [(CLOS, "Parcours clos"), (TOUS, "Tous les parcours")]


def _options_referents(agents):
    return ((pk, User.libelle(*v)) for pk, *v in agents.values_list("pk", "first_name", "last_name", "email"))


class FileActiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="rechercher", label="Nom, prénom ou numéro allocataire")
    orientation = django_filters.ChoiceFilter(
        label="Orientation",
        choices=[("aucune", "Non orienté"), *TypeOrientation.choices],
        method="filtrer_orientation",
        empty_label="Toutes",
        widget=SelectRapide,
    )
    referent = ListeRapide(
        label="Référent unique",
        widget=SelectRapide,
        queryset=User.objects.none(),
        options=_options_referents,
        empty_label="Tous",
        null_label="Sans référent unique",
    )
    contrat = django_filters.ChoiceFilter(
        label="Contrat d'engagement",
        choices=EtatContratFiltre.choices,
        method="filtrer_contrat",
        empty_label="Tous",
        widget=SelectRapide,
    )
    frein = django_filters.ChoiceFilter(
        label="Frein ouvert",
        choices=CategorieFrein.choices,
        method="filtrer_frein",
        empty_label="Tous",
        widget=SelectRapide,
    )
    alerte = django_filters.ChoiceFilter(
        label="Situation à traiter",
        choices=Alerte.choices,
        method="filtrer_alerte",
        empty_label="Toutes",
        widget=SelectRapide,
    )
    statut = django_filters.ChoiceFilter(
        label="Parcours",
        choices=StatutParcours.choices,
        method="filtrer_statut",
        empty_label="Parcours ouverts",
        widget=SelectRapide,
    )
    tri = django_filters.OrderingFilter(
        label="Trier par",
        fields=(
            ("nom_tri", "nom"),
            ("date_entree", "entree"),
            ("contrat_courant__date_fin", "fin_contrat"),
            ("dernier_rdv", "dernier_rdv"),
        ),
        field_labels={
            "nom_tri": "Nom",
            "date_entree": "Date d'entrée",
            "contrat_courant__date_fin": "Fin du contrat",
            "dernier_rdv": "Dernier rendez-vous",
        },
        empty_label="Nom",
    )

    class Meta:
        form = FiltresForm
        fields: list[str] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["referent"].queryset = (
            User.objects.filter(role__in=ROLES_MDD, mdds__in=user.mdds.all()).distinct().order_by("last_name")
        )

    @property
    def qs(self):
        qs = super().qs
        donnees = getattr(self.form, "cleaned_data", {})
        if not donnees.get("statut"):
            qs = qs.filter(date_sortie__isnull=True)
        # pk last: rows with the same name or date keep one order, so no row shows on two pages.
        return qs.order_by(*qs.query.order_by, "pk") if donnees.get("tri") else qs.order_by("nom_tri", "pk")

    def rechercher(self, queryset, name, value):
        texte = normaliser(value)
        if not texte:
            return queryset
        if texte.replace(" ", "").isdigit():
            return queryset.filter(beneficiaire__numero_allocataire__startswith=texte.replace(" ", ""))
        for mot in texte.split():
            queryset = queryset.filter(nom_tri__contains=mot)
        return queryset

    def filtrer_orientation(self, queryset, name, value):
        if value == "aucune":
            return queryset.filter(orientation_courante__isnull=True)
        return queryset.filter(orientation_courante__type=value)

    def filtrer_contrat(self, queryset, name, value):
        jour = aujourdhui()
        if value == EtatContratFiltre.AUCUN:
            return queryset.filter(contrat_courant__isnull=True)
        if value == EtatContratFiltre.EN_COURS:
            return queryset.filter(contrat_courant__etat=EtatContrat.SIGNE, contrat_courant__date_fin__gte=jour)
        if value == EtatContrat.ECHU:
            return queryset.filter(condition_alerte(Alerte.CONTRAT_ECHU, jour))
        return queryset.filter(contrat_courant__etat=value)

    def filtrer_frein(self, queryset, name, value):
        return queryset.filter(
            Exists(Frein.objects.filter(parcours=OuterRef("pk"), categorie=value, date_levee__isnull=True))
        )

    def filtrer_alerte(self, queryset, name, value):
        return queryset.filter(condition_alerte(value))

    def filtrer_statut(self, queryset, name, value):
        if value == StatutParcours.CLOS:
            return queryset.filter(date_sortie__isnull=False)
        return queryset
