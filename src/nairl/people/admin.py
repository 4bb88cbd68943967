from django.contrib import admin

from .models import Affiliation, ExpertiseArea, Institution, Person


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ko", "orcid", "country", "is_public", "user"]
    list_filter = ["is_public", "country"]
    search_fields = ["name_en", "name_ko", "orcid", "email", "user__username"]
    raw_id_fields = ["user"]
    filter_horizontal = ["expertise"]
    inlines = [AffiliationInline]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ko", "ror_id", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["name_en", "name_ko", "ror_id"]
    raw_id_fields = ["parent"]


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ko"]
    search_fields = ["code", "name_en", "name_ko"]
