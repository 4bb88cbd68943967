"""What a program's and a project's pages count: projects, members by country, outputs by year
and kind, and the share of outputs written across countries. Each figure is one grouped query
over what the viewer may see."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django_countries import countries

from ..models import Membership, Output, Project
from ..policies import output_policy, project_policy


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: its label, its count, and the largest count of the chart."""

    label: str
    count: int
    largest: int


def bars(counts: list[tuple[str, int]]) -> list[Bar]:
    largest = max((count for _label, count in counts), default=0)
    return [Bar(str(label), count, largest) for label, count in counts]


def share(links) -> dict:
    """Of the outputs these project links point at (each counted once): how many, how many
    international, and the percentage (None without outputs)."""
    totals = links.aggregate(
        total=Count("output_id", distinct=True),
        international=Count("output_id", distinct=True, filter=Q(output__is_international=True)),
    )
    total, international = totals["total"], totals["international"]
    percent = round(100 * international / total) if total else None
    return {"total": total, "international": international, "percent": percent}


def output_links(user, projects):
    """The links from these projects to the outputs in use the user may see: counting through
    the link table reads an index on the project rather than every output."""
    links = Output.projects.through.objects.filter(
        project__in=projects.values("pk"), output__merged_into__isnull=True
    )
    if not output_policy.sees_all(user):
        links = links.filter(output__in=output_policy.visible(user, Output.objects.all()))
    return links


def project_outputs(user, project):
    return output_policy.visible(
        user, Output.objects.filter(projects=project, merged_into__isnull=True)
    )


def project_share(user, project) -> dict:
    return share(output_links(user, Project.objects.filter(pk=project.pk)))


def program_indicators(user, program) -> dict:
    projects = project_policy.visible(user, program.projects.all())
    links = output_links(user, projects)
    by_country = (
        Membership.objects.current()
        .filter(project__in=projects.values("pk"), institution__isnull=False)
        .values_list("institution__country")
        .annotate(people=Count("person", distinct=True))
        .order_by("-people", "institution__country")
    )
    by_year = (
        links.values_list("output__year")
        .annotate(count=Count("output_id", distinct=True))
        .order_by("output__year")
    )
    kinds = dict(Output.Kind.choices)
    by_kind = (
        links.values_list("output__kind")
        .annotate(count=Count("output_id", distinct=True))
        .order_by("-count", "output__kind")
    )
    return {
        "project_count": projects.count(),
        "members_by_country": bars([(countries.name(code), n) for code, n in by_country]),
        "outputs_by_year": bars(list(by_year)),
        "outputs_by_kind": bars([(kinds.get(kind, kind), n) for kind, n in by_kind]),
        "share": share(links),
    }
