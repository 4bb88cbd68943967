"""What a program's and a project's pages count: projects, members by country, outputs by year
and kind, and the share of outputs written across countries, over what the viewer may see. The
output figures are summed from groups (year, kind, flag, count): the kept ones of the viewer's
audience (`program_figures.py`), or for a member of a members-only project one grouped query."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django_countries import countries

from ..models import Membership, Output, Project
from ..policies import output_policy, project_policy
from .program_figures import audience_of, kept_groups, output_groups, outputs_of


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: its label, its count, and the largest count of the chart."""

    label: str
    count: int
    largest: int


def bars(counts: list[tuple[str, int]]) -> list[Bar]:
    largest = max((count for _label, count in counts), default=0)
    return [Bar(str(label), count, largest) for label, count in counts]


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
    """The outputs in use of these projects that the user may see, each once."""
    return output_policy.visible(user, outputs_of(projects))


def project_outputs(user, project):
    return output_policy.visible(
        user, Output.objects.filter(projects=project, merged_into__isnull=True)
    )


def project_share(user, project) -> dict:
    return share(output_groups(linked_outputs(user, Project.objects.filter(pk=project.pk))))


def program_indicators(user, program) -> dict:
    projects = project_policy.visible(user, program.projects.all())
    audience = audience_of(user, program)
    if audience is None:
        groups = output_groups(linked_outputs(user, projects))
    else:
        groups = kept_groups(program, audience)
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
