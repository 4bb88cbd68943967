"""The automatic assignment over a call in the database, and assignment by hand."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from factories import make_institution, make_person, make_user
from nairl.calls.domain.assignment import assign_by_hand, start_assignment
from nairl.calls.models import Application, Assignment, AssignmentRun
from nairl.common.roles import Role
from nairl.people.models import ExpertiseArea

from ..helpers import add_reviewer, make_applicant, make_call, submit

pytestmark = pytest.mark.django_db


def reviewer(name, codes, bio="", institutions=()):
    user = make_user(name, Role.REVIEWER)
    make_person(name.title(), user=user, expertise=codes, bio_en=bio, institutions=institutions)
    return user


def test_automatic_assignment_respects_conflicts_and_loads_and_says_why(
    django_capture_on_commit_callbacks,
):
    call = make_call(reviews_per_application=2, reviewer_load=3, min_expertise=0.0)
    lab = make_institution("Conflict Lab")
    robots = reviewer("robotics-rev", ["cs.RO"], "robot manipulation and control policies", [lab])
    scaling = reviewer("scaling-rev", ["cs.LG", "cs.CL"], "neural scaling laws for language models")
    general = reviewer("general-rev", ["cs.AI"], "artificial intelligence")
    for user in (robots, scaling, general):
        add_reviewer(call, user)
    robot_areas = list(ExpertiseArea.objects.filter(code="cs.RO"))
    learning_areas = list(ExpertiseArea.objects.filter(code__in=["cs.LG", "cs.CL"]))
    applications = []
    for number in range(3):
        user, _p = make_applicant(institutions=[lab] if number == 0 else ())
        applications.append(
            submit(
                call,
                user,
                title=f"Robot manipulation {number}",
                plan="Control policies for robots",
                expertise=robot_areas,
            )
        )
    user, _p = make_applicant()
    applications.append(
        submit(
            call,
            user,
            title="Scaling laws",
            plan="Language model scaling",
            expertise=learning_areas,
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = start_assignment(call=call, by=None)
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert run.result["assigned"] == 8 and run.result["short_of_reviews"] == {}
    pairs = set(Assignment.objects.values_list("application_id", "reviewer_id"))
    assert (applications[0].pk, robots.pk) not in pairs  # same institution
    assert (applications[1].pk, robots.pk) in pairs and (applications[3].pk, scaling.pk) in pairs
    loads = [
        Assignment.objects.filter(reviewer=user).count() for user in (robots, scaling, general)
    ]
    assert max(loads) <= 3
    why = Assignment.objects.get(application=applications[3], reviewer=scaling).reasons
    assert why["fields"] == ["cs.CL", "cs.LG"] and "scaling" in why["terms"]
    assert set(Application.objects.values_list("status", flat=True)) == {"under_review"}
    assert {message.to[0] for message in mail.outbox} == {
        u.email for u in (robots, scaling, general)
    }


def test_without_reviewers_the_run_is_refused():
    call = make_call()
    with pytest.raises(ValidationError, match="Invite reviewers"):
        start_assignment(call=call, by=None)
    assert not AssignmentRun.objects.exists()


def test_by_hand_refuses_conflicts_strangers_and_full_loads():
    call = make_call(reviewer_load=1)
    applicant, person = make_applicant()
    application = submit(call, applicant)
    second = submit(call, make_applicant()[0])
    outsider = make_user("outsider", Role.REVIEWER)
    with pytest.raises(ValidationError, match="Invite this reviewer"):
        assign_by_hand(assignment=Assignment(application=application, reviewer=outsider), by=None)
    add_reviewer(call, applicant)
    with pytest.raises(ValidationError, match="conflict of interest"):
        assign_by_hand(assignment=Assignment(application=application, reviewer=applicant), by=None)
    add_reviewer(call, outsider)
    assign_by_hand(assignment=Assignment(application=application, reviewer=outsider), by=None)
    with pytest.raises(ValidationError, match="their limit"):
        assign_by_hand(assignment=Assignment(application=second, reviewer=outsider), by=None)
    assert Assignment.objects.count() == 1
