from django.contrib import admin

from .models import CapabilityScore, Evaluation, RobotPolicy, TaskResult, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ko", "institution", "created_at"]
    list_select_related = ["institution"]
    search_fields = ["name_en", "name_ko"]
    filter_horizontal = ["members"]
    raw_id_fields = ["institution"]


@admin.register(RobotPolicy)
class RobotPolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "team", "kind", "installed", "is_public"]
    list_select_related = ["team"]
    list_filter = ["kind", "is_public"]
    search_fields = ["name", "installed", "server_url"]


class CapabilityScoreInline(admin.TabularInline):
    model = CapabilityScore
    extra = 0
    can_delete = False


class TaskResultInline(admin.TabularInline):
    model = TaskResult
    extra = 0
    can_delete = False


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["id", "policy", "suite", "status", "overall_mean", "suite_hash", "created_at"]
    list_select_related = ["policy"]
    list_filter = ["status", "suite"]
    raw_id_fields = ["policy", "created_by"]
    inlines = [CapabilityScoreInline, TaskResultInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("report")
