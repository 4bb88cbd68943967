"""The filters of programs, projects and memberships: one FilterSet each, for the list page and
the API."""

import django_filters
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from nairl.common.filters import CountryFilter, HubFilterSet, IdFilter, WordsFilter
from nairl.common.widgets import FastSelect

from .models import Membership, Milestone, Output, OutputAuthor, Program, Project


class ProgramFilter(HubFilterSet):
    q = WordsFilter(label=_("Title"), fields=("title_ko", "title_en", "code"))

    class Meta:
        model = Program
        fields = ["q"]


class ProjectFilter(HubFilterSet):
    q = WordsFilter(
        label=_("Title or summary"), fields=("title_ko", "title_en", "summary_ko", "summary_en")
    )
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), queryset=Program.objects.all(), empty_label=_("Any")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, empty_label=_("Any")
    )
    country = CountryFilter(method="by_country")
    year = django_filters.NumberFilter(
        label=_("Year"), min_value=1900, max_value=2200, method="by_year"
    )
    person = IdFilter(label=_("Person id"), method="by_person")

    class Meta:
        model = Project
        fields = ["q", "program", "status", "country", "year", "person"]

    def by_country(self, queryset, name, value: str):
        """Projects with a partner institution or a member's institution in the country."""
        partners = Project.partners.through.objects.filter(institution__country=value)
        members = Membership.objects.filter(institution__country=value)
        return queryset.filter(
            Q(pk__in=partners.values("project_id")) | Q(pk__in=members.values("project_id"))
        )

    def by_year(self, queryset, name, value: int):
        """Projects running at some time in the year."""
        year = int(value)
        return queryset.filter(start__year__lte=year).filter(
            Q(end__isnull=True) | Q(end__year__gte=year)
        )

    def by_person(self, queryset, name, value: int):
        """Projects the person leads or has been a member of."""
        members = Membership.objects.filter(person_id=value).values("project_id")
        return queryset.filter(Q(principal_investigator_id=value) | Q(pk__in=members))


class MembershipFilter(HubFilterSet):
    project = IdFilter(field_name="project_id", label=_("Project id"))
    person = IdFilter(field_name="person_id", label=_("Person id"))
    current = django_filters.BooleanFilter(label=_("Current"), method="by_current")

    class Meta:
        model = Membership
        fields = ["project", "person", "current"]

    def by_current(self, queryset, name, value: bool):
        current = Membership.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class OutputFilter(HubFilterSet):
    q = WordsFilter(label=_("Title, venue or author"), fields=("search_text",), casefold=True)
    # The list page renders its selects in Python (FastSelect): the same HTML, less CPU.
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Output.Kind.choices, empty_label=_("Any"), widget=FastSelect
    )
    year = django_filters.NumberFilter(label=_("Year"), min_value=1900, max_value=2200)
    program = django_filters.ModelChoiceFilter(
        label=_("Program"),
        queryset=Program.objects.all(),
        empty_label=_("Any"),
        widget=FastSelect,
        field_name="projects__program",  # for the schema; the method filters
        method="by_program",
    )
    project = IdFilter(label=_("Project id"), method="by_project")
    country = CountryFilter(method="by_country")
    person = IdFilter(label=_("Person id"), method="by_person")
    international = django_filters.BooleanFilter(
        label=_("International co-authorship"), field_name="is_international"
    )

    class Meta:
        model = Output
        fields = ["q", "kind", "year", "program", "project", "country", "person", "international"]

    def by_program(self, queryset, name, program):
        links = Output.projects.through.objects.filter(
            output_id=OuterRef("pk"), project__program=program
        )
        return queryset.filter(Exists(links))

    def by_project(self, queryset, name, value: int):
        links = Output.projects.through.objects.filter(output_id=OuterRef("pk"), project_id=value)
        return queryset.filter(Exists(links))

    def by_country(self, queryset, name, value: str):
        """Outputs with an author working in the country when it was published (a code of two
        letters, so it cannot match across two codes of the space-separated column)."""
        return queryset.filter(countries__contains=value)

    def by_person(self, queryset, name, value: int):
        authors = OutputAuthor.objects.filter(output_id=OuterRef("pk"), person_id=value)
        return queryset.filter(Exists(authors))


class MilestoneFilter(HubFilterSet):
    """Milestones by project, owner, due dates and state (open, completed, overdue)."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        OVERDUE = "overdue", _("Overdue")

    project = IdFilter(field_name="project_id", label=_("Project id"))
    owner = IdFilter(field_name="owner_id", label=_("Owner (person id)"))
    due_after = django_filters.DateFilter(field_name="due", lookup_expr="gte", label=_("Due from"))
    due_before = django_filters.DateFilter(
        field_name="due", lookup_expr="lte", label=_("Due until")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, empty_label=_("Any"), method="by_state"
    )

    class Meta:
        model = Milestone
        fields = ["project", "owner", "due_after", "due_before", "state"]

    def by_state(self, queryset, name, value: str):
        if value == self.State.COMPLETED:
            return queryset.filter(completed_on__isnull=False)
        if value == self.State.OVERDUE:
            return queryset.overdue()
        return queryset.open()
