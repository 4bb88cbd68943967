from django.contrib import admin

from .models import FeedToken, Registration, Series, Talk


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["code", "title_en", "title_ko", "cadence", "time_zone", "is_active"]
    search_fields = ["code", "title_en", "title_ko"]
    raw_id_fields = ["organisers", "partners"]


@admin.register(Talk)
class TalkAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_ko", "series", "start", "time_zone", "status"]
    list_filter = ["series", "status", "is_published"]
    list_select_related = ["series"]
    search_fields = ["title_en", "title_ko", "guest_name"]
    raw_id_fields = ["speaker", "project"]
    filter_horizontal = ["keywords"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "talk", "status", "queued_at", "checked_in_at"]
    list_filter = ["status"]
    list_select_related = ["talk"]
    search_fields = ["name", "email"]
    raw_id_fields = ["talk", "user"]


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    raw_id_fields = ["user"]
