"""Permission-walk expectations for nairl.research: pages and API.

The walking researcher is no member of these projects: it sees the public one (not its notes)
and nothing of the one shown to members only; program directors and hub staff manage every
project; the funder and the finance officer read every project and change none.
"""

from factories import make_person, make_user
from nairl.common.roles import Role
from permission_expectations import API_ANONYMOUS, Case, everyone, only, signed_in

from .helpers import flagship, make_member, make_output, make_project

MANAGERS = (Role.PROGRAM_DIRECTOR, Role.HUB_STAFF)
READERS = (Role.FUNDER_VIEWER, Role.FINANCE_OFFICER)


def objects(users):
    pi = make_person("Walk PI", user=make_user("research-pi", Role.RESEARCHER))
    public = make_project(pi, title_en="Public walk project")
    private = make_project(pi, title_en="Members-only walk project", is_public=False)
    colleague = make_person("Walk Colleague")
    return {
        "research_program": flagship(),
        "research_public": public,
        "research_private": private,
        "research_membership": make_member(public, colleague),
        "research_private_membership": make_member(private, colleague),
        "research_output": make_output("Public walk output", projects=[public]),
        "research_private_output": make_output("Members-only walk output", projects=[private]),
    }


def pk_of(key):
    return lambda world: {"pk": world[key].pk}


private_view = {**everyone(404), **dict.fromkeys((*MANAGERS, *READERS, Role.ADMINISTRATOR), 200)}
# Pages behind sign-in: anonymous visitors are sent to sign in; a hidden project is a 404.
manage = only(*MANAGERS)
manage_post = only(*MANAGERS, allowed=400)
manage_private = {**only(*MANAGERS, denied=404), **dict.fromkeys(READERS, 403)}
# API: DRF answers 401 with a Token challenge to anonymous writes.
api_manage_post = only(*MANAGERS, allowed=400, anonymous=API_ANONYMOUS)
api_manage_change = only(*MANAGERS, anonymous=API_ANONYMOUS)
api_signed_in_post = {**everyone(400), "anonymous": API_ANONYMOUS}

EXPECTATIONS = {
    "research:programs": Case(everyone(200)),
    "research:program": Case(everyone(200), kwargs=pk_of("research_program")),
    "research:projects": Case(everyone(200)),
    "research:project-create": [Case(manage), Case(manage_post, method="post", data={})],
    "research:project": [
        Case(everyone(200), kwargs=pk_of("research_public"), label="public"),
        Case(private_view, kwargs=pk_of("research_private"), label="members only"),
    ],
    "research:project-edit": [
        Case(manage, kwargs=pk_of("research_public"), label="public"),
        Case(manage_post, kwargs=pk_of("research_public"), method="post", data={}),
        Case(manage_private, kwargs=pk_of("research_private"), label="members only"),
    ],
    "research:membership-create": [
        Case(manage, kwargs=pk_of("research_public"), label="public"),
        Case(manage_post, kwargs=pk_of("research_public"), method="post", data={}),
        Case(manage_private, kwargs=pk_of("research_private"), label="members only"),
    ],
    "research:membership-edit": [
        Case(manage, kwargs=pk_of("research_membership"), label="public"),
        Case(manage_post, kwargs=pk_of("research_membership"), method="post", data={}),
        Case(manage_private, kwargs=pk_of("research_private_membership"), label="members only"),
    ],
    "research:outputs": Case(everyone(200)),
    "research:output-export": Case(everyone(200), kwargs={"file_format": "bib"}),
    "research:output-create": [
        Case(signed_in(200)),
        Case(signed_in(400), method="post", data={}),
    ],
    "research:output-import": [
        Case(signed_in(200)),
        Case(signed_in(400), method="post", data={}),
    ],
    "research:output-duplicates": [
        Case(manage),
        Case(manage_post, method="post", data={}),
    ],
    "research:output": [
        Case(everyone(200), kwargs=pk_of("research_output"), label="public"),
        Case(private_view, kwargs=pk_of("research_private_output"), label="members only"),
    ],
    "research:output-edit": [
        Case(manage, kwargs=pk_of("research_output"), label="public"),
        Case(manage_post, kwargs=pk_of("research_output"), method="post", data={}),
        Case(manage_private, kwargs=pk_of("research_private_output"), label="members only"),
    ],
    # API
    "research-program-list": [
        Case(everyone(200)),
        Case(only(Role.HUB_STAFF, allowed=400, anonymous=API_ANONYMOUS), method="post", data={}),
    ],
    "research-program-detail": [
        Case(everyone(200), kwargs=pk_of("research_program")),
        Case(api_manage_change, kwargs=pk_of("research_program"), method="patch", data={}),
    ],
    "research-project-list": [Case(everyone(200)), Case(api_manage_post, method="post", data={})],
    "research-project-detail": [
        Case(everyone(200), kwargs=pk_of("research_public")),
        Case(private_view, kwargs=pk_of("research_private")),
        Case(api_manage_change, kwargs=pk_of("research_public"), method="patch", data={}),
    ],
    "research-membership-list": [
        Case(everyone(200)),
        Case(api_signed_in_post, method="post", data={}),
    ],
    "research-membership-detail": [
        Case(everyone(200), kwargs=pk_of("research_membership")),
        Case(private_view, kwargs=pk_of("research_private_membership")),
        Case(api_manage_change, kwargs=pk_of("research_membership"), method="patch", data={}),
    ],
    "research-output-list": [Case(everyone(200)), Case(api_signed_in_post, method="post", data={})],
    "research-output-detail": [
        Case(everyone(200), kwargs=pk_of("research_output")),
        Case(private_view, kwargs=pk_of("research_private_output")),
        Case(api_manage_change, kwargs=pk_of("research_output"), method="patch", data={}),
    ],
}


# Milestones: one on each walk project, managed like the project (its PI is not a walking role).
objects_without_milestones = objects


def objects(users):  # noqa: F811
    import datetime

    from nairl.research.domain.milestones import add_milestone
    from nairl.research.models import Milestone

    world = objects_without_milestones(users)
    for key in ("research_public", "research_private"):
        project = world[key]
        world[f"{key}_milestone"] = add_milestone(
            project=project,
            milestone=Milestone(
                title_en="Walk milestone",
                due=datetime.date(2025, 1, 1),
                owner=project.principal_investigator,
            ),
            by=None,
        )
    return world


bad_date = {"on": "not a date"}
EXPECTATIONS |= {
    "research:milestone-create": [
        Case(manage, kwargs=pk_of("research_public"), label="public"),
        Case(manage_post, kwargs=pk_of("research_public"), method="post", data={}),
        Case(manage_private, kwargs=pk_of("research_private"), label="members only"),
    ],
    **{
        name: [
            Case(manage, kwargs=pk_of("research_public_milestone"), label="public"),
            Case(manage_post, kwargs=pk_of("research_public_milestone"), method="post", data=data),
            Case(manage_private, kwargs=pk_of("research_private_milestone"), label="members only"),
        ]
        for name, data in (
            ("research:milestone-edit", {}),
            ("research:milestone-complete", bad_date),
            ("research:milestone-reopen", {}),  # an open milestone: refused
        )
    },
    "research-milestone-list": [
        Case(everyone(200)),
        Case(api_signed_in_post, method="post", data={}),
    ],
    "research-milestone-detail": [
        Case(everyone(200), kwargs=pk_of("research_public_milestone")),
        Case(private_view, kwargs=pk_of("research_private_milestone")),
        Case(api_manage_change, kwargs=pk_of("research_public_milestone"), method="patch", data={}),
    ],
    "research-milestone-complete": Case(
        api_manage_post, kwargs=pk_of("research_public_milestone"), method="post", data=bad_date
    ),
    "research-milestone-reopen": Case(
        api_manage_post, kwargs=pk_of("research_public_milestone"), method="post", data={}
    ),
}
