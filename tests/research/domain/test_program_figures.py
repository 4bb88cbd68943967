"""The program figures kept per audience stay exact through every change that moves them: the
program page shows, for a program director, an anonymous visitor and a member of a members-only
project, what a recount of the outputs they may see finds."""

import importlib
import io
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from factories import make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.research import demo
from nairl.research.domain.duplicates import merge_outputs
from nairl.research.domain.output_files import import_output_file
from nairl.research.domain.outputs import update_output
from nairl.research.domain.program_figures import (
    Audience,
    audience_of,
    audience_projects,
    kept_groups,
    output_groups,
    outputs_of,
)
from nairl.research.domain.projects import delete_project, update_project
from nairl.research.models import Output, OutputAuthor, Program, ProgramFigure
from nairl.research.policies import project_policy

from ..helpers import flagship, make_member, make_output, make_project

pytestmark = pytest.mark.django_db

BIBTEX = b"""
@article{one, title = {Imported one}, author = {Kim, A}, year = {2020}, journal = {J}}
@misc{two, title = {Imported two}, author = {Lee, B}, year = {2021}, howpublished = {x}}
"""


@pytest.fixture
def world():
    kr, ca = make_institution("KAIST", country="KR"), make_institution("Mila", country="CA")
    public, hidden = make_project(title_en="Open"), make_project(title_en="Closed", is_public=False)
    other = make_project(title_en="Robots", program=flagship("robot-fm"))
    member = make_user("closed-member")
    make_member(hidden, make_person(user=member))
    return {
        "kr": kr,
        "ca": ca,
        "public": public,
        "hidden": hidden,
        "other": other,
        "open": make_output("Open", year=2023, projects=[public], authors=[("A", None, kr)]),
        "abroad": make_output(
            "Abroad", year=2024, projects=[public], authors=[("B", None, kr), ("C", None, ca)]
        ),
        "secret": make_output(
            "Secret", year=2024, kind="code", url="https://x.example", projects=[hidden]
        ),
        "robot": make_output("Robot", year=2022, projects=[other]),
        "viewers": {
            "director": make_user("figures-director", Role.PROGRAM_DIRECTOR),
            "anonymous": None,
            "member": member,
        },
    }


def recount(user, program) -> dict:
    """The figures found output by output: the ones in use linked to a project of the program
    that the user may see."""
    user = user or AnonymousUser()
    seen = [
        output
        for output in Output.objects.filter(merged_into__isnull=True).prefetch_related("projects")
        if any(
            project.program_id == program.pk and project_policy.can_view(user, project)
            for project in output.projects.all()
        )
    ]
    kinds = dict(Output.Kind.choices)
    international = sum(output.is_international for output in seen)
    return {
        "years": sorted(Counter(str(output.year) for output in seen).items()),
        "kinds": sorted(Counter(str(kinds[output.kind]) for output in seen).items()),
        "total": len(seen),
        "international": international,
    }


def recount_all(world) -> list[dict]:
    return [
        recount(user, program)
        for program in Program.objects.order_by("pk")
        for user in world["viewers"].values()
    ]


def shown(client_for, user, program) -> dict:
    context = client_for(user).get(program.get_absolute_url()).context
    return {
        "years": [(bar.label, bar.count) for bar in context["outputs_by_year"]],
        "kinds": sorted((bar.label, bar.count) for bar in context["outputs_by_kind"]),
        "total": context["share"]["total"],
        "international": context["share"]["international"],
    }


def assert_figures_right(world, client_for) -> None:
    """Every program: the kept rows are those of a grouped count of each audience's outputs, and
    each viewer's page shows their recount (the member's through the live count)."""
    for program in Program.objects.all():
        for audience in Audience.values:
            live = output_groups(outputs_of(audience_projects(program.pk, audience)))
            assert sorted(kept_groups(program, audience)) == sorted(live), (program, audience)
        for name, user in world["viewers"].items():
            assert shown(client_for, user, program) == recount(user, program), (program, name)


def test_each_viewer_reads_their_audience_or_counts_live(world):
    viewers, program = world["viewers"], flagship()
    assert audience_of(viewers["director"], program) == Audience.ALL
    assert audience_of(AnonymousUser(), program) == Audience.PUBLIC
    assert audience_of(make_user("outsider"), program) == Audience.PUBLIC
    assert audience_of(viewers["member"], program) is None
    # A members-only project elsewhere does not make the member's view of robot-fm special.
    assert audience_of(viewers["member"], flagship("robot-fm")) == Audience.PUBLIC


def test_the_starting_figures_differ_by_viewer(world, client_for):
    assert_figures_right(world, client_for)
    viewers, program = world["viewers"], flagship()
    assert shown(client_for, viewers["director"], program)["total"] == 3
    assert shown(client_for, viewers["anonymous"], program)["total"] == 2
    assert shown(client_for, viewers["member"], program)["total"] == 3
    assert shown(client_for, viewers["anonymous"], program)["international"] == 1


def new_outputs(world):
    make_output("New paper", year=2020, projects=[world["public"]])
    make_output("New secret", year=2021, kind="preprint", projects=[world["hidden"]])


def edit_year_and_kind(world):
    world["open"].year, world["open"].kind = 2021, "preprint"
    update_output(output=world["open"], by=None)


def move_to_members_only(world):
    update_output(output=world["abroad"], projects=[world["hidden"]], by=None)


def move_to_other_program(world):
    update_output(output=world["open"], projects=[world["other"]], by=None)


def authors_make_it_international(world):
    authors = [
        OutputAuthor(name="A", institution=world["kr"]),
        OutputAuthor(name="D", institution=world["ca"]),
    ]
    update_output(output=world["open"], authors=authors, by=None)


def merge_across_programs(world):
    merge_outputs(duplicate=world["robot"], into=world["secret"], by=None)


def merge_into_members_only(world):
    merge_outputs(duplicate=world["open"], into=world["secret"], by=None)


def import_into_members_only(world):
    report = import_output_file(source=BIBTEX, projects=[world["hidden"]], by=None)
    assert report.created == 2


def project_made_public(world):
    world["hidden"].is_public = True
    update_project(project=world["hidden"], by=None)


def project_made_members_only(world):
    world["public"].is_public = False
    update_project(project=world["public"], by=None)


def project_moved_to_other_program(world):
    world["hidden"].program = flagship("robot-fm")
    update_project(project=world["hidden"], by=None)


def project_deleted(world):
    delete_project(project=world["public"], by=None)


@pytest.mark.parametrize(
    "change",
    [
        new_outputs,
        edit_year_and_kind,
        move_to_members_only,
        move_to_other_program,
        authors_make_it_international,
        merge_across_programs,
        merge_into_members_only,
        import_into_members_only,
        project_made_public,
        project_made_members_only,
        project_moved_to_other_program,
        project_deleted,
    ],
)
def test_the_figures_follow_each_change(world, client_for, change):
    before = recount_all(world)
    change(world)
    assert recount_all(world) != before  # each change moves some figure
    assert_figures_right(world, client_for)


def test_the_demo_leaves_the_figures_right(client_for):
    institution = make_institution("Demo institute", country="KR")
    for number in range(6):
        make_person(f"Demo person {number}", institutions=[institution])
    demo.load("small", io.StringIO())
    assert ProgramFigure.objects.filter(audience=Audience.PUBLIC).exists()
    director = make_user("demo-director", Role.PROGRAM_DIRECTOR)
    assert_figures_right({"viewers": {"director": director, "anonymous": None}}, client_for)


def test_the_migration_fills_the_figures_of_existing_outputs(world, client_for):
    ProgramFigure.objects.all().delete()
    importlib.import_module("nairl.research.migrations.0008_program_figures").fill(apps, None)
    assert_figures_right(world, client_for)


def form_data(form) -> dict:
    """What a browser sends back for a rendered form, unchanged."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif value is not None:
            data[field.html_name] = str(value)
    return data


def test_the_admin_changes_projects_through_the_verbs(world, client_for):
    admin = client_for(make_user("root", is_staff=True, is_superuser=True))
    url = f"/admin/research/project/{world['hidden'].pk}/change/"
    page = admin.get(url).context
    data = form_data(page["adminform"].form)
    for inline in page["inline_admin_formsets"]:
        data.update(form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(form_data(form))
    data["is_public"] = "on"
    assert admin.post(url, data).status_code == 302
    assert recount(None, flagship())["total"] == 3  # the secret output is public now
    assert_figures_right(world, client_for)
    selected = {"action": "delete_selected", "_selected_action": [world["public"].pk]}
    assert admin.post("/admin/research/project/", {**selected, "post": "yes"}).status_code == 302
    assert recount(None, flagship())["total"] == 1
    assert_figures_right(world, client_for)


def test_an_edit_that_moves_no_figure_recomputes_nothing(world, client_for):
    def kept_ids():
        return set(ProgramFigure.objects.values_list("pk", flat=True))

    before = kept_ids()
    world["open"].title, world["open"].venue = "Open, renamed", "Another venue"
    update_output(output=world["open"], projects=[world["public"]], by=None)
    assert kept_ids() == before
    world["open"].year = 2020
    update_output(output=world["open"], by=None)
    assert kept_ids() != before
    assert_figures_right(world, client_for)
