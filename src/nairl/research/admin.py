from django.contrib import admin

from .domain.projects import delete_project, update_project
from .models import Membership, Program, Project


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "title_en", "title_ko", "director", "budget_line", "is_flagship"]
    search_fields = ["code", "title_en", "title_ko"]
    raw_id_fields = ["director"]


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["person", "institution"]
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_ko", "program", "status", "start", "end", "is_public"]
    list_filter = ["program", "status", "is_public"]
    list_select_related = ["program"]
    search_fields = ["title_en", "title_ko"]
    raw_id_fields = ["principal_investigator", "partners"]
    filter_horizontal = ["keywords"]
    inlines = [MembershipInline]

    # Through the verbs, so that the program figures follow a project's program, visibility
    # and deletion.
    def save_model(self, request, obj, form, change):
        if change:
            update_project(project=obj, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        delete_project(project=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for project in queryset:
            delete_project(project=project, by=request.user)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "project", "institution", "start", "end"]
    list_select_related = ["person", "project", "institution"]
    raw_id_fields = ["person", "project", "institution"]
