"""A program's output figures, kept in `ProgramFigure` for the two audiences most viewers belong
to, and recomputed for a program by the verbs whenever what they count may have changed: an
output's year, kind, international flag, projects or merging, and a project's program or
visibility. Recomputing a program is one grouped query per audience (it stays exact whatever
changed, and a change is rarer than a view)."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count

from nairl.common.roles import has_role

from ..models import Output, Program, ProgramFigure, Project
from ..policies import PROJECT_MANAGERS, PROJECT_READERS, member_filter

Audience = ProgramFigure.Audience


def outputs_of(projects):
    """The outputs in use of these projects, each once (a semi-join on the link table's project
    index, rather than a distinct count over the links)."""
    links = Output.projects.through.objects.filter(project__in=projects.values("pk"))
    return Output.objects.filter(merged_into__isnull=True, pk__in=links.values("output_id"))


def output_groups(outputs) -> list[tuple[int, str, bool, int]]:
    """(year, kind, international, how many) of these outputs: one grouped query from which
    every output figure is summed, since an output falls in exactly one group."""
    return list(
        outputs.order_by()
        .values_list("year", "kind", "is_international")
        .annotate(count=Count("id"))
    )


def audience_projects(program_id: int, audience: str):
    projects = Project.objects.filter(program_id=program_id)
    return projects if audience == Audience.ALL else projects.filter(is_public=True)


def audience_of(user, program) -> str | None:
    """The kept audience whose figures are the user's, or None when they see some members-only
    project of the program (their figures are then counted live)."""
    if has_role(user, *PROJECT_MANAGERS, *PROJECT_READERS):
        return Audience.ALL
    if not user.is_authenticated:
        return Audience.PUBLIC
    hidden = Project.objects.filter(program=program, is_public=False).filter(member_filter(user))
    return None if hidden.exists() else Audience.PUBLIC


def kept_groups(program, audience: str) -> list[tuple[int, str, bool, int]]:
    return list(
        ProgramFigure.objects.filter(program=program, audience=audience).values_list(
            "year", "kind", "is_international", "count"
        )
    )


def refresh_program_figures(program_ids: Iterable[int]) -> None:
    """Recomputes the kept figures of these programs. The program rows are locked first, so
    that two changes to one program recompute one after the other, each from committed data."""
    program_ids = sorted(set(program_ids))
    if not program_ids:
        return
    with transaction.atomic():
        list(Program.objects.filter(pk__in=program_ids).order_by("pk").select_for_update())
        ProgramFigure.objects.filter(program_id__in=program_ids).delete()
        ProgramFigure.objects.bulk_create(
            ProgramFigure(
                program_id=program_id,
                audience=audience,
                year=year,
                kind=kind,
                is_international=international,
                count=count,
            )
            for program_id in program_ids
            for audience in Audience.values
            for year, kind, international, count in output_groups(
                outputs_of(audience_projects(program_id, audience))
            )
        )


def counted_as(output_ids: Iterable[int]) -> set[tuple]:
    """What the figures read of these outputs, one row per project link: the output's group
    and whether it is in use, its project's program and visibility. Taken before and after a
    change: equal, the figures stand (editing a title recomputes nothing); else the programs
    of both are recomputed."""
    return set(
        Output.projects.through.objects.filter(output_id__in=list(output_ids)).values_list(
            "output_id",
            "output__year",
            "output__kind",
            "output__is_international",
            "output__merged_into_id",
            "project__program_id",
            "project__is_public",
        )
    )


def refresh_if_changed(before: set[tuple], after: set[tuple]) -> None:
    if before != after:
        refresh_program_figures({program for *_output, program, _public in before | after})


def refresh_all_program_figures() -> None:
    refresh_program_figures(Program.objects.values_list("pk", flat=True))
