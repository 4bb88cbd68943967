"""What a program's and a project's pages count: projects, members by country, outputs by year
and kind, and the share of outputs written across countries, over what the viewer may see. The
output figures are summed from one grouped query (by year, kind and flag)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
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


def output_groups(outputs) -> list[tuple[int, str, bool, int]]:
    """(year, kind, international, how many) of these outputs: one grouped query from which
    every output figure is summed, since an output falls in exactly one group."""
    return list(
        outputs.order_by()
        .values_list("year", "kind", "is_international")
        .annotate(count=Count("id"))
    )


def share(groups) -> dict:
    """How many outputs, how many international, and the percentage (None without outputs)."""
    total = sum(count for _year, _kind, _international, count in groups)
    international = sum(count for _year, _kind, abroad, count in groups if abroad)
    percent = round(100 * international / total) if total else None
    return {"total": total, "international": international, "percent": percent}


def summed(groups, key) -> dict:
    totals = defaultdict(int)
    for group in groups:
        totals[key(group)] += group[-1]
    return totals


def linked_outputs(user, projects):
    """The outputs in use of these projects that the user may see, each once (a semi-join on
    the link table's project index, rather than a distinct count over the links)."""
    links = Output.projects.through.objects.filter(project__in=projects.values("pk"))
    outputs = Output.objects.filter(merged_into__isnull=True, pk__in=links.values("output_id"))
    return output_policy.visible(user, outputs)


def project_outputs(user, project):
    return output_policy.visible(
        user, Output.objects.filter(projects=project, merged_into__isnull=True)
    )


def project_share(user, project) -> dict:
    return share(output_groups(linked_outputs(user, Project.objects.filter(pk=project.pk))))


def program_indicators(user, program) -> dict:
    projects = project_policy.visible(user, program.projects.all())
    groups = output_groups(linked_outputs(user, projects))
    by_country = (
        Membership.objects.current()
        .filter(project__in=projects.values("pk"), institution__isnull=False)
        .values_list("institution__country")
        .annotate(people=Count("person", distinct=True))
        .order_by("-people", "institution__country")
    )
    by_year = sorted(summed(groups, lambda group: group[0]).items())
    kinds = dict(Output.Kind.choices)
    by_kind = sorted(summed(groups, lambda group: group[1]).items(), key=lambda k: (-k[1], k[0]))
    return {
        "project_count": projects.count(),
        "members_by_country": bars([(countries.name(code), n) for code, n in by_country]),
        "outputs_by_year": bars(by_year),
        "outputs_by_kind": bars([(kinds.get(kind, kind), n) for kind, n in by_kind]),
        "share": share(groups),
    }
