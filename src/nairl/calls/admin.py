from django.contrib import admin

from .models import (
    AccessRefusal,
    AdvisorRelation,
    Application,
    Assignment,
    Call,
    CallReviewer,
    Cohort,
    CohortMember,
    CohortSession,
    Conflict,
    Criterion,
    Question,
    Review,
)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_ko", "kind", "program", "closes_at", "blind"]
    list_filter = ["kind", "blind", "visibility"]
    inlines = [QuestionInline, CriterionInline]
    filter_horizontal = ["invited"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["code", "call", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["applicant", "person"]


@admin.register(AccessRefusal)
class AccessRefusalAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "what", "object_id", "path"]
    readonly_fields = ["at", "user", "what", "object_id", "path", "request_id"]


for model in (
    AdvisorRelation,
    Assignment,
    CallReviewer,
    Cohort,
    CohortMember,
    CohortSession,
    Conflict,
    Review,
):
    admin.site.register(model)
