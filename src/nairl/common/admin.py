from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from . import tokens
from .models import ApiToken, User


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators see who holds which token and may revoke it; the key itself is never
    stored, so there is nothing to read, and nobody mints a token for someone else here."""

    list_display = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name", "prefix"]
    fields = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            tokens.revoke(token)


@admin.register(User)
class HubUserAdmin(UserAdmin):
    """Logins: roles are the groups named after them (the hub's Users page sets them too)."""

    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Preferences"), {"fields": ("language", "time_zone")}),
    )
