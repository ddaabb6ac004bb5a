from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from pacte.models import (
    MDD,
    BaremeDroitsDevoirs,
    Commune,
    DemandeAcces,
    JetonAPI,
    JournalAcces,
    Objectif,
    Pacte,
    Site,
    Territoire,
    Thematique,
    User,
)


class ThematiqueInline(admin.TabularInline):
    model = Thematique
    extra = 0


class ObjectifInline(admin.TabularInline):
    model = Objectif
    extra = 0


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    autocomplete_fields = ["commune"]


@admin.register(Pacte)
class PacteAdmin(admin.ModelAdmin):
    list_display = ["nom", "departement_nom", "date_debut", "date_fin", "date_adoption"]
    inlines = [ThematiqueInline]


@admin.register(Thematique)
class ThematiqueAdmin(admin.ModelAdmin):
    list_display = ["numero", "intitule", "pacte"]
    inlines = [ObjectifInline]


@admin.register(Objectif)
class ObjectifAdmin(admin.ModelAdmin):
    list_display = ["code", "intitule", "thematique"]
    list_filter = ["thematique"]


@admin.register(Territoire)
class TerritoireAdmin(admin.ModelAdmin):
    list_display = ["code", "nom"]


@admin.register(MDD)
class MDDAdmin(admin.ModelAdmin):
    list_display = ["nom", "code", "territoire"]
    list_filter = ["territoire"]
    search_fields = ["nom", "code"]
    inlines = [SiteInline]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["nom", "code_insee", "code_postal", "mdd", "milieu"]
    list_filter = ["milieu", "mdd"]
    search_fields = ["nom", "code_insee"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["nom", "mdd", "commune", "milieu"]
    list_filter = ["milieu", "mdd__territoire"]
    search_fields = ["nom", "commune__nom"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    filter_horizontal = ["mdds", "thematiques", "groups", "user_permissions"]
    readonly_fields = ["proconnect_sub"]
    fieldsets = (
        (None, {"fields": ("email", "password", "proconnect_sub")}),
        ("Identité", {"fields": ("first_name", "last_name")}),
        ("Rôle et périmètre", {"fields": ("role", "mdds", "thematiques", "partenaire")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),)


@admin.register(JournalAcces)
class JournalAccesAdmin(admin.ModelAdmin):
    list_display = ["date", "utilisateur", "nature", "objet", "objet_id", "page"]
    list_filter = ["nature", "objet"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JetonAPI)
class JetonAPIAdmin(admin.ModelAdmin):
    """Tokens are created by their user only; the administrator sees who holds one and revokes it (delete)."""

    list_display = ["utilisateur", "prefixe", "created_at", "expire_le"]
    search_fields = ["utilisateur__email", "prefixe"]
    fields = ["utilisateur", "prefixe", "created_at", "expire_le"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DemandeAcces)
class DemandeAccesAdmin(admin.ModelAdmin):
    """Read only: the answer (role and MDD) is given on the page /demandes-acces/, which creates the account."""

    list_display = ["email", "first_name", "last_name", "siret", "statut", "created_at", "traitee_par"]
    list_filter = ["statut"]
    search_fields = ["email", "last_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BaremeDroitsDevoirs)
class BaremeDroitsDevoirsAdmin(admin.ModelAdmin):
    """Read only: the scale comes from the référentiel file (charger_referentiel), validated against the law."""

    list_display = ["date_effet", "taux_min", "taux_max", "duree_max_mois", "plafond_foyer_plusieurs"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
