"""Research list pages and endpoints for the query-count test (tests/common/test_query_counts)."""

import itertools

from factories import make_institution, make_person, make_user, valid_orcid, valid_ror
from list_views import ListView
from nairl.common.roles import Role
from nairl.research.models import Program

from .helpers import flagship, make_member, make_output, make_project

_numbers = itertools.count(5000)


def user_named(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).first() or make_user(
        username, Role.RESEARCHER
    )


def member_user():
    return user_named("research-list-member")


def member_person():
    user = member_user()
    return getattr(user, "person", None) or make_person("List Member", user=user)


def add_projects(count: int) -> None:
    """Projects (every other one members-only) with partners, keywords and two members."""
    for _ in range(count):
        number = next(_numbers)
        partner = make_institution(f"Partner {number}", ror_id=valid_ror(number), country="CA")
        project = make_project(
            make_person(f"PI {number}", orcid=valid_orcid(number)),
            title_en=f"Project {number}",
            title_ko=f"과제 {number}",
            is_public=number % 2 == 0,
            partners=[partner],
        )
        project.keywords.set([1, 2])
        make_member(project, member_person(), institution=partner, roles=["software"])


def add_programs(count: int) -> None:
    for _ in range(count):
        number = next(_numbers)
        program = Program.objects.create(
            code=f"program-{number}", title_en=f"Program {number}", title_ko=f"프로그램 {number}"
        )
        make_project(title_en=f"Project {number}", program=program)


def the_project():
    from nairl.research.models import Project

    return Project.objects.filter(title_en="Members list project").first() or make_project(
        title_en="Members list project"
    )


def add_members(count: int) -> None:
    project = the_project()
    for _ in range(count):
        number = next(_numbers)
        institution = make_institution(f"Lab {number}", country="FR")
        make_member(project, make_person(f"Member {number}"), institution=institution)


def add_outputs(count: int) -> None:
    """Outputs with two authors in two countries, half of them in a members-only project."""
    for _ in range(count):
        number = next(_numbers)
        project = make_project(title_en=f"Output project {number}", is_public=number % 2 == 0)
        make_output(
            f"Output {number}",
            projects=[project],
            authors=[
                ("A. Author", member_person(), make_institution(f"Uni {number}", country="KR")),
                ("B. Author", None, make_institution(f"Inst {number}", country="CA")),
            ],
        )


def add_project_outputs(count: int) -> None:
    project = the_project()
    for _ in range(count):
        make_output(f"Project output {next(_numbers)}", projects=[project], authors=["X. Y."])


def add_my_work(count: int) -> None:
    """Projects the list member works on, and outputs they wrote."""
    for _ in range(count):
        number = next(_numbers)
        project = make_project(title_en=f"My project {number}")
        make_member(project, member_person())
        make_output(f"My output {number}", authors=[("Me", member_person(), None)])


def add_duplicates(count: int) -> None:
    for _ in range(count):
        number = next(_numbers)
        make_output(f"Twin {number}")
        make_output(f"twin {number}.")


VIEWERS = [
    ("member", member_user, "anonymous"),
    ("researcher", None, Role.RESEARCHER),
    ("director", None, Role.PROGRAM_DIRECTOR),
    ("funder", None, Role.FUNDER_VIEWER),
    ("anonymous", None, "anonymous"),
]
LISTS = [
    ("research:projects", "/research/projects/", add_projects),
    ("research:projects", "/research/projects/?q=project&country=CA", add_projects),
    ("research-project-list", "/api/v1/research/projects/", add_projects),
    ("research-membership-list", "/api/v1/research/memberships/", add_projects),
    ("research:outputs", "/research/outputs/", add_outputs),
    ("research:outputs", "/research/outputs/?q=output&country=CA&international=true", add_outputs),
    ("research-output-list", "/api/v1/research/outputs/", add_outputs),
]
LIST_VIEWS = [
    ListView(name, url, add, role=role, viewer=viewer, label=f"{label} {url}")
    for name, url, add in LISTS
    for label, viewer, role in VIEWERS
] + [
    ListView("research:programs", "/research/", add_programs),
    ListView(
        "research:program",
        lambda: flagship().get_absolute_url(),
        add_projects,
    ),
    ListView("research-program-list", "/api/v1/research/programs/", add_programs),
    ListView(
        "research:program",
        lambda: flagship().get_absolute_url(),
        add_outputs,
        label="program with outputs",
    ),
    ListView(
        "research:outputs",
        lambda: f"/research/outputs/?program={flagship().pk}&country=KR&year=2024&kind=paper",
        add_outputs,
        role=Role.PROGRAM_DIRECTOR,
        label="director, the benchmark's filters",
    ),
    ListView(
        "research:project",
        lambda: the_project().get_absolute_url(),
        add_project_outputs,
        label="project with outputs",
    ),
    ListView("home", "/", add_my_work, viewer=member_user, label="my projects and outputs"),
    ListView(
        "research:output-duplicates",
        "/research/outputs/duplicates/",
        add_duplicates,
        role=Role.HUB_STAFF,
    ),
    ListView("research:project", lambda: the_project().get_absolute_url(), add_members),
    ListView(
        "research:project",
        lambda: the_project().get_absolute_url(),
        add_members,
        role=Role.HUB_STAFF,
        label="staff",
    ),
]


# Milestones: on the API list, the project page and the home's "milestones due".
def add_owned_milestone(project, number: int, due) -> None:
    """A milestone of the project owned by a new member."""
    from nairl.research.domain.milestones import add_milestone
    from nairl.research.models import Milestone

    owner = make_person(f"Owner {number}")
    make_member(project, owner)
    milestone = Milestone(title_en=f"Milestone {number}", due=due, owner=owner)
    add_milestone(project=project, milestone=milestone, by=None)


def add_milestones(count: int) -> None:
    """Projects (every other one members-only) led by the list member, one milestone each, due
    within the month."""
    import datetime

    for _ in range(count):
        number = next(_numbers)
        project = make_project(
            member_person(), title_en=f"Milestone project {number}", is_public=number % 2 == 0
        )
        add_owned_milestone(project, number, datetime.date.today() + datetime.timedelta(days=3))


def add_project_milestones(count: int) -> None:
    import datetime

    for _ in range(count):
        add_owned_milestone(the_project(), next(_numbers), datetime.date(2025, 1, 1))


LIST_VIEWS += [
    ListView(
        "research-milestone-list",
        "/api/v1/research/milestones/?state=open",
        add_milestones,
        role=role,
        viewer=viewer,
        label=f"{label} milestones",
    )
    for label, viewer, role in VIEWERS
] + [
    ListView(
        "research:project",
        lambda: the_project().get_absolute_url(),
        add_project_milestones,
        role=Role.HUB_STAFF,
        label="project with milestones",
    ),
    ListView("home", "/", add_milestones, viewer=member_user, label="milestones due"),
]
