"""Rules of the research models: dates, contributor roles, one membership at a time."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from factories import make_institution, make_person
from nairl.research.models import Membership, Program

from .helpers import START, make_member, make_project

pytestmark = pytest.mark.django_db


def test_the_two_flagship_programs_are_seeded_in_both_languages():
    flagships = Program.objects.filter(is_flagship=True).order_by("code")
    assert [(p.code, p.title_en) for p in flagships] == [
        ("beyond-scaling", "Beyond neural scaling laws"),
        ("robot-fm", "Robot foundation models"),
    ]
    assert all(program.title_ko and program.description_ko for program in flagships)


def test_the_principal_investigator_becomes_the_first_member_for_their_institution():
    institution = make_institution("PI University", country="CA")
    pi = make_person("Lead", institutions=[institution])
    project = make_project(pi)
    membership = project.memberships.get()
    assert (membership.person, membership.institution) == (pi, institution)
    assert membership.start == project.start
    assert membership.role_labels == ["Supervision", "Project administration"]


def test_a_project_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as error:
        make_project(start=datetime.date(2025, 1, 1), end=datetime.date(2024, 1, 1))
    assert "end" in error.value.message_dict


@pytest.mark.parametrize(
    "start, end",
    [
        (START, None),  # the same open-ended period
        (datetime.date(2030, 1, 1), None),  # starts while the first is still running
        (datetime.date(2020, 1, 1), datetime.date(2024, 6, 1)),  # overlaps its beginning
    ],
)
def test_a_person_added_twice_for_overlapping_periods_is_refused(start, end):
    project = make_project()
    person = make_person()
    make_member(project, person)
    with pytest.raises(ValidationError) as error:
        make_member(project, person, start=start, end=end)
    assert "already a member" in error.value.message_dict["person"][0]
    assert project.memberships.filter(person=person).count() == 1


def test_a_person_may_come_back_after_their_membership_ended():
    project = make_project()
    person = make_person()
    make_member(project, person, end=datetime.date(2024, 12, 31))
    make_member(project, person, start=datetime.date(2025, 6, 1))
    assert project.memberships.filter(person=person).count() == 2


def test_a_membership_ending_before_it_starts_is_refused():
    project = make_project()
    with pytest.raises(ValidationError) as error:
        make_member(project, make_person(), start=START, end=START - datetime.timedelta(days=1))
    assert error.value.message_dict["end"] == ["The membership ends before it starts."]
    assert project.memberships.count() == 1  # the PI only


@pytest.mark.parametrize(
    "roles, message",
    [
        (["coding"], "Not a CRediT contributor role: coding."),
        (["software", "software"], "A contributor role is given twice."),
        ("software", "Give the contributor roles as a list of role codes."),
    ],
)
def test_contributor_roles_must_be_credit_roles(roles, message):
    membership = Membership(project=make_project(), person=make_person(), start=START, roles=roles)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict["roles"] == [message]


def test_current_memberships_are_those_running_on_the_day():
    project = make_project()
    ended = make_member(project, make_person(), end=datetime.date(2024, 4, 1))
    future = make_member(project, make_person(), start=datetime.date(2100, 1, 1))
    current = set(Membership.objects.current().filter(project=project))
    assert ended not in current and future not in current
    assert current == {project.memberships.get(person=project.principal_investigator)}
