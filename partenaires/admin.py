"""Django admin of the partner side: a fallback for administrators; the app pages are the main way."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partenaires.models import (
    Action,
    Ajustement,
    Cofinancement,
    ContactPartenaire,
    DecisionReunion,
    Financement,
    GroupeTravail,
    MembreGroupe,
    ObjectifAction,
    Partenaire,
    ResultatAction,
    ReunionGroupe,
    Versement,
)


class ContactInline(admin.TabularInline):
    model = ContactPartenaire
    extra = 0


@admin.register(Partenaire)
class PartenaireAdmin(admin.ModelAdmin):
    list_display = ["raison_sociale", "siret", "nature", "commune"]
    list_filter = ["nature"]
    search_fields = ["raison_sociale", "siret"]
    inlines = [ContactInline]
    list_select_related = ["commune"]


class CofinancementInline(admin.TabularInline):
    model = Cofinancement
    extra = 0


class VersementInline(admin.TabularInline):
    """Read-only: a payment is recorded from the funding page, which refuses one beyond the agreed amount."""

    model = Versement
    extra = 0
    can_delete = False
    readonly_fields = ["nature", "date", "montant"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Financement)
class FinancementAdmin(admin.ModelAdmin):
    list_display = ["reference", "type", "partenaire", "date_debut", "date_fin", "montant_conventionne"]
    list_filter = ["type"]
    search_fields = ["reference", "intitule", "partenaire__raison_sociale"]
    inlines = [CofinancementInline, VersementInline]
    list_select_related = ["partenaire"]


class ObjectifActionInline(admin.TabularInline):
    model = ObjectifAction
    extra = 0


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["intitule", "thematique", "partenaire", "date_debut", "date_fin", "statut", "places"]
    list_filter = ["statut", "thematique"]
    search_fields = ["intitule", "partenaire__raison_sociale"]
    filter_horizontal = ["territoires", "sites"]
    inlines = [ObjectifActionInline]
    list_select_related = ["thematique", "partenaire"]


@admin.register(ResultatAction)
class ResultatActionAdmin(SimpleHistoryAdmin):
    list_display = ["action", "periode_debut", "periode_fin", "participants", "source"]
    list_select_related = ["action"]


@admin.register(Ajustement)
class AjustementAdmin(admin.ModelAdmin):
    list_display = ["date", "action", "objet", "effet", "auteur"]
    list_filter = ["effet"]
    list_select_related = ["action", "auteur"]


class MembreInline(admin.TabularInline):
    model = MembreGroupe
    extra = 0


@admin.register(GroupeTravail)
class GroupeTravailAdmin(admin.ModelAdmin):
    list_display = ["nom", "thematique"]
    inlines = [MembreInline]


class DecisionInline(admin.TabularInline):
    model = DecisionReunion
    extra = 0


@admin.register(ReunionGroupe)
class ReunionGroupeAdmin(admin.ModelAdmin):
    list_display = ["date", "groupe"]
    inlines = [DecisionInline]
