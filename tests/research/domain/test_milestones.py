"""Milestone rules: the owner is a member, dates within the project, complete and reopen once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from factories import make_person
from nairl.research.domain.milestones import (
    add_milestone,
    complete_milestone,
    edit_milestone,
    reopen_milestone,
)
from nairl.research.models import Milestone

from ..helpers import START, make_member, make_project

pytestmark = pytest.mark.django_db
END = datetime.date(2026, 12, 31)
OWNER_RULE = (
    "The owner must be a member of the project on the due date "
    "(or today, for a milestone still open)."
)


def new_milestone(project, owner, *, due=datetime.date(2025, 6, 30), **fields):
    return add_milestone(
        project=project,
        milestone=Milestone(
            title_en="Prototype", title_ko="시제품", due=due, owner=owner, **fields
        ),
        by=None,
    )


def test_a_member_owns_a_milestone_listed_by_due_date():
    project = make_project(end=END)
    member = make_person()
    make_member(project, member)
    later = new_milestone(project, member, due=datetime.date(2026, 1, 1))
    sooner = new_milestone(project, project.principal_investigator)
    assert list(project.milestones.all()) == [sooner, later]
    assert later.owner == member and later.completed_on is None


def test_an_owner_who_is_no_member_is_refused_and_nothing_is_saved():
    project = make_project()
    with pytest.raises(ValidationError) as error:
        new_milestone(project, make_person())
    assert error.value.message_dict["owner"] == [OWNER_RULE]
    assert not Milestone.objects.exists()


def test_a_member_who_left_before_the_due_date_may_not_own_it():
    project = make_project(end=END)
    former = make_person()
    make_member(project, former, end=datetime.date(2025, 1, 31))
    with pytest.raises(ValidationError) as error:
        new_milestone(project, former, due=datetime.date(2025, 6, 30))
    assert error.value.message_dict["owner"] == [OWNER_RULE]
    assert not Milestone.objects.exists()
    kept = new_milestone(project, former, due=datetime.date(2025, 1, 15))  # still there then
    assert kept.owner == former


def test_an_open_overdue_milestone_can_pass_to_someone_who_joined_since():
    project = make_project(end=END)
    newcomer = make_person()
    make_member(project, newcomer, start=datetime.date.today())
    milestone = new_milestone(project, project.principal_investigator, due=START)
    milestone.owner = newcomer
    edit_milestone(milestone=milestone, by=None)
    assert Milestone.objects.get().owner == newcomer
    # Completed, the same hand-over is history rewritten: refused.
    milestone.refresh_from_db()
    milestone.completed_on = START
    with pytest.raises(ValidationError):
        edit_milestone(milestone=milestone, by=None)


@pytest.mark.parametrize("due", [START - datetime.timedelta(days=1), END + datetime.timedelta(1)])
def test_a_due_date_outside_the_project_is_refused(due):
    project = make_project(end=END)
    with pytest.raises(ValidationError) as error:
        new_milestone(project, project.principal_investigator, due=due)
    assert "outside the project's dates" in error.value.message_dict["due"][0]
    assert not Milestone.objects.exists()


def test_completing_then_reopening():
    project = make_project()
    milestone = new_milestone(project, project.principal_investigator)
    complete_milestone(milestone=milestone, by=None, on=datetime.date(2025, 5, 1))
    assert Milestone.objects.get().completed_on == datetime.date(2025, 5, 1)
    reopen_milestone(milestone=milestone, by=None)
    assert Milestone.objects.get().completed_on is None
    complete_milestone(milestone=milestone, by=None)
    assert Milestone.objects.get().completed_on == datetime.date.today()


def test_completing_twice_is_refused_and_the_first_date_kept():
    project = make_project()
    milestone = new_milestone(project, project.principal_investigator)
    complete_milestone(milestone=milestone, by=None, on=datetime.date(2025, 5, 1))
    with pytest.raises(ValidationError) as error:
        complete_milestone(milestone=milestone, by=None, on=datetime.date(2025, 7, 1))
    assert "already completed on 2025-05-01" in error.value.message_dict["completed_on"][0]
    assert Milestone.objects.get().completed_on == datetime.date(2025, 5, 1)


def test_reopening_an_open_milestone_is_refused():
    project = make_project()
    milestone = new_milestone(project, project.principal_investigator)
    with pytest.raises(ValidationError):
        reopen_milestone(milestone=milestone, by=None)


def test_completion_before_the_project_started_is_refused():
    project = make_project()
    milestone = new_milestone(project, project.principal_investigator)
    with pytest.raises(ValidationError) as error:
        complete_milestone(milestone=milestone, by=None, on=START - datetime.timedelta(days=1))
    assert "completed_on" in error.value.message_dict
    assert Milestone.objects.get().completed_on is None


def test_editing_to_an_owner_who_is_no_member_is_refused():
    project = make_project()
    milestone = new_milestone(project, project.principal_investigator)
    milestone.owner = make_person()
    with pytest.raises(ValidationError):
        edit_milestone(milestone=milestone, by=None)
    assert Milestone.objects.get().owner == project.principal_investigator


def test_overdue_and_open_milestones():
    project = make_project()
    pi = project.principal_investigator
    late = new_milestone(project, pi, due=datetime.date(2025, 1, 1))
    done = new_milestone(project, pi, due=datetime.date(2025, 1, 1), completed_on=START)
    assert list(Milestone.objects.overdue(datetime.date(2025, 2, 1))) == [late]
    assert late.is_overdue and not done.is_overdue
