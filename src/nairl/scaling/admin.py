from django.contrib import admin

from .models import Comparison, Fit, Run, Study


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_ko", "program", "owner", "is_public", "created_at"]
    list_filter = ["program", "is_public"]
    search_fields = ["title_en", "title_ko", "project_label"]
    raw_id_fields = ["owner"]
    filter_horizontal = ["members"]


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = ["study", "group", "n", "d", "c", "loss"]
    list_select_related = ["study"]
    raw_id_fields = ["study"]


class JobAdmin(admin.ModelAdmin):
    list_display = ["pk", "study", "law", "status", "created_by", "created_at"]
    list_filter = ["status", "law"]
    list_select_related = ["study", "created_by"]
    raw_id_fields = ["study", "created_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("plots")


admin.site.register(Fit, JobAdmin)
admin.site.register(Comparison, JobAdmin)
