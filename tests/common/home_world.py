"""Rows for every panel of the personal home, used by the home's tests and its query-count entry:
the demo researcher owns a profile, affiliations, a project, a study, a robot team's evaluations
and an application; the lab has a call awaiting decisions, a stay starting this week and a
failed evaluation."""

import io

from django.utils import timezone

from calls.helpers import make_call, submit
from factories import make_affiliation, make_institution, make_person
from nairl.common.jobs import JobStatus
from nairl.common.management.demo import DEMO_USERS, load_users
from nairl.common.models import User
from nairl.people.models import Person
from nairl.residency.domain.calendar import hub_today
from nairl.robotics.models import Evaluation
from research.helpers import make_project
from residency.helpers import make_stay
from robotics.helpers import make_policy, make_team
from scaling.helpers import make_study

DEMO_ROLES = {username: role for username, role, _purpose in DEMO_USERS}


def demo_user(username: str) -> User:
    if not User.objects.filter(username=username).exists():
        load_users("small", io.StringIO())
    return User.objects.get(username=username)


def researcher_person() -> Person:
    user = demo_user("researcher")
    return Person.objects.filter(user=user).first() or make_person("Demo Researcher", user=user)


def add_home_rows(count: int) -> None:
    researcher, person = demo_user("researcher"), researcher_person()
    for _ in range(count):
        make_affiliation(person, make_institution())
        make_project(person)
        make_study(researcher)
        policy = make_policy(make_team(researcher))
        Evaluation.objects.create(policy=policy, suite="control-mt10")
        Evaluation.objects.create(
            policy=policy,
            suite="control-mt10",
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            error="The policy server did not answer.",
        )
        submit(make_call(), researcher)
        make_stay(start=hub_today())
