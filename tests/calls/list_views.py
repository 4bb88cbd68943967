"""Calls list pages and endpoints for the query-count test (tests/common/test_query_counts)."""

import itertools

from django.contrib.auth import get_user_model

from factories import make_user
from list_views import ListView
from nairl.calls.models import Call, Cohort, CohortMember
from nairl.common.roles import Role

from .helpers import add_reviewer, assign, make_applicant, make_call, review, submit

_numbers = itertools.count(7000)


def user_named(username: str, role: str):
    return get_user_model().objects.filter(username=username).first() or make_user(username, role)


def applicant():
    return user_named("calls-list-applicant", Role.RESEARCHER)


def reviewer():
    return user_named("calls-list-reviewer", Role.REVIEWER)


def director():
    return user_named("calls-list-director", Role.PROGRAM_DIRECTOR)


def the_call() -> Call:
    call = Call.objects.filter(title_en="Listed call").first()
    if call is None:
        call = make_call(title_en="Listed call", run_by=director(), max_applications_per_person=20)
        add_reviewer(call, reviewer(), max_load=100)
    return call


def add_calls(count: int) -> None:
    for _ in range(count):
        make_call(title_en=f"Call {next(_numbers)}", questions=False)


def add_my_applications(count: int) -> None:
    """Applications of the one applicant, each to its own call."""
    for _ in range(count):
        call = make_call(title_en=f"Open call {next(_numbers)}")
        submit(call, applicant(), title=f"Plan {next(_numbers)}")


def add_reviewed(count: int) -> None:
    """Submitted applications to the listed call, assigned to the reviewer and reviewed."""
    call = the_call()
    for _ in range(count):
        user, _person = make_applicant()
        application = submit(call, user, title=f"Proposal {next(_numbers)}")
        review(assign(application, reviewer()), [4, 2])


def add_waiting(count: int) -> None:
    """Applications assigned to the reviewer, each in its own call, not reviewed yet."""
    for _ in range(count):
        call = make_call(title_en=f"Reviewed call {next(_numbers)}")
        add_reviewer(call, reviewer())
        user, _person = make_applicant()
        assign(submit(call, user), reviewer())


def add_cohorts(count: int) -> None:
    call = the_call()
    for _ in range(count):
        cohort = Cohort.objects.create(
            program=call.program,
            name_en=f"Cohort {next(_numbers)}",
            start="2025-01-01",
            end="2025-12-31",
        )
        _user, person = make_applicant()
        CohortMember.objects.create(
            cohort=cohort, person=person, role="participant", completed=True
        )


def dashboard_url():
    return f"/calls/{the_call().pk}/applications/"


LIST_VIEWS = [
    ListView("calls:list", "/calls/", add_calls),
    ListView(
        "calls:list", "/calls/?q=call&open=true", add_calls, role=Role.RESEARCHER, label="search"
    ),
    ListView("calls-call-list", "/api/v1/calls/calls/", add_calls),
    ListView("calls:my-applications", "/calls/mine/", add_my_applications, viewer=applicant),
    ListView(
        "calls-application-list",
        "/api/v1/calls/applications/",
        add_my_applications,
        viewer=applicant,
    ),
    ListView("calls:reviews", "/calls/reviews/", add_reviewed, viewer=reviewer),
    ListView("calls-assignment-list", "/api/v1/calls/assignments/", add_reviewed, viewer=reviewer),
    ListView("calls-review-list", "/api/v1/calls/reviews/", add_reviewed, viewer=reviewer),
    ListView("calls:call-applications", dashboard_url, add_reviewed, viewer=director),
    ListView(
        "calls:ranking", lambda: f"/calls/{the_call().pk}/ranking/", add_reviewed, viewer=director
    ),
    ListView(
        "calls:assignments",
        lambda: f"/calls/{the_call().pk}/assignments/",
        add_reviewed,
        viewer=director,
    ),
    ListView("calls:cohorts", "/calls/cohorts/", add_cohorts),
    ListView("home", "/", add_waiting, viewer=reviewer, label="reviews to do"),
    ListView("home", "/", add_my_applications, viewer=applicant, label="my applications"),
]
