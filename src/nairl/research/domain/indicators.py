"""What a program's and a project's pages count: projects, members by country, outputs by year
and kind, and the share of outputs written across countries. Each figure is one grouped query
over what the viewer may see."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django_countries import countries

from ..models import Membership, Output
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


def share(outputs) -> dict:
    """How many outputs, how many international, and the percentage (None without outputs)."""
    totals = outputs.aggregate(
        total=Count("id"), international=Count("id", filter=Q(is_international=True))
    )
    total, international = totals["total"], totals["international"]
    percent = round(100 * international / total) if total else None
    return {"total": total, "international": international, "percent": percent}


def project_outputs(user, project):
    return output_policy.visible(
        user, Output.objects.filter(projects=project, merged_into__isnull=True)
    )


def program_indicators(user, program) -> dict:
    projects = project_policy.visible(user, program.projects.all())
    outputs = output_policy.visible(
        user,
        Output.objects.filter(
            merged_into__isnull=True, projects__in=projects.values("pk")
        ).distinct(),
    )
    by_country = (
        Membership.objects.current()
        .filter(project__in=projects.values("pk"), institution__isnull=False)
        .values_list("institution__country")
        .annotate(people=Count("person", distinct=True))
        .order_by("-people", "institution__country")
    )
    by_year = outputs.values_list("year").annotate(count=Count("id")).order_by("year")
    kinds = dict(Output.Kind.choices)
    by_kind = outputs.values_list("kind").annotate(count=Count("id")).order_by("-count", "kind")
    return {
        "project_count": projects.count(),
        "members_by_country": bars([(countries.name(code), n) for code, n in by_country]),
        "outputs_by_year": bars(list(by_year)),
        "outputs_by_kind": bars([(kinds.get(kind, kind), n) for kind, n in by_kind]),
        "share": share(Output.objects.filter(pk__in=outputs.values("pk"))),
    }
