"""Builders for research tests: projects with members (through the domain verbs), outputs, and
the export-import round trip."""

import datetime
import itertools

from factories import make_person
from nairl.research.domain.exporting import export_bytes
from nairl.research.domain.output_files import import_output_file
from nairl.research.domain.projects import add_member, create_project
from nairl.research.flagships import ensure_flagship_programs
from nairl.research.models import Membership, Output, Program, Project

_serial = itertools.count(1)
START = datetime.date(2024, 3, 1)


def flagship(code: str = "beyond-scaling") -> Program:
    """A flagship program (put back if a transactional test's flush emptied the table)."""
    return ensure_flagship_programs()[code]


def make_project(
    pi=None, *, program=None, title_en=None, is_public=True, partners=(), by=None, **fields
) -> Project:
    project = Project(
        program=program or flagship(),
        principal_investigator=pi or make_person(),
        title_en=title_en or f"Project {next(_serial)}",
        is_public=is_public,
        start=fields.pop("start", START),
        **fields,
    )
    return create_project(project=project, partners=list(partners), by=by)


def project_titled(title_en: str) -> Project:
    """The project of that title, made (public) the first time it is asked for."""
    return Project.objects.filter(title_en=title_en).first() or make_project(title_en=title_en)


def check_project_choice(browser, url: str, linked, data: dict, *, visible, hidden) -> None:
    """The edit form at `url` of `linked` (a study, a team) offers the visible project and not
    the hidden one; sending the hidden one is refused (400) with nothing changed, and sending the
    visible one links it."""
    from django.forms.models import model_to_dict

    form = browser.get(url).content.decode()
    assert visible.title_en in form and hidden.title_en not in form
    before = model_to_dict(linked)
    refused = browser.post(url, {**data, "project": hidden.pk})
    assert refused.status_code == 400 and "project" in refused.context["form"].errors
    linked.refresh_from_db()
    assert model_to_dict(linked) == before
    assert browser.post(url, {**data, "project": visible.pk}).status_code == 302
    linked.refresh_from_db()
    assert linked.project == visible


def make_member(project, person, *, start=START, end=None, institution=None, roles=()):
    return add_member(
        membership=Membership(
            project=project,
            person=person,
            start=start,
            end=end,
            institution=institution,
            roles=list(roles),
        ),
        by=None,
    )


def make_output(title="A result", *, year=2024, authors=(), projects=None, **fields):
    """An output through the domain verb; `authors` are names or (name, person, institution)."""
    from nairl.research.domain.outputs import create_output
    from nairl.research.models import Output, OutputAuthor

    rows = []
    for author in authors:
        name, person, institution = (author, None, None) if isinstance(author, str) else author
        rows.append(OutputAuthor(name=name, person=person, institution=institution))
    return create_output(
        output=Output(title=title, year=year, **fields), authors=rows, projects=projects, by=None
    )


def assert_export_reads_back(file_format: str) -> None:
    """Every output exported in the format, deleted and imported again, comes back the same
    (kinds, titles, venues, dates, identifiers, authors in order)."""

    def fields_of(output):
        return (
            output.kind,
            output.title,
            output.venue,
            output.year,
            output.published,
            output.doi,
            output.arxiv_id,
            output.url,
            output.patent_number,
            [author.name for author in output.authors.all()],
        )

    before = [fields_of(output) for output in Output.objects.order_by("title")]
    exported = export_bytes(Output.objects.all(), file_format)
    Output.objects.all().delete()
    report = import_output_file(source=exported, by=None)
    assert report.created == len(before)
    assert [fields_of(output) for output in Output.objects.order_by("title")] == before
