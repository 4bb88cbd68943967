"""Conflicts of interest computed from constructed relations, and declared ones."""

import datetime

import pytest

from factories import make_affiliation, make_institution, make_person, make_user
from nairl.calls.domain.conflicts import check_candidate, declare_conflict, refresh_conflicts
from nairl.calls.models import AdvisorRelation, Conflict
from nairl.common.roles import Role
from research.helpers import make_member, make_output, make_project

from ..helpers import add_reviewer, assign, make_applicant, make_call, submit

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def reviewer_with_profile(name, **fields):
    user = make_user(name.lower().replace(" ", "-"), Role.REVIEWER)
    return user, make_person(name, user=user, **fields)


def sources(call, user):
    return set(call.conflicts.filter(reviewer=user).values_list("application__title", "source"))


def test_each_relation_is_found_and_unrelated_reviewers_are_clear():
    call = make_call()
    lab = make_institution("Shared Lab")
    reviewer, reviewer_person = reviewer_with_profile("Rita Reviewer", institutions=[lab])
    add_reviewer(call, reviewer)
    colleague, colleague_person = make_applicant(institutions=[lab])
    submit(call, colleague, title="colleague")
    former, former_person = make_applicant()
    make_affiliation(
        former_person, lab, end=TODAY - datetime.timedelta(days=400)
    )  # left: no conflict
    submit(call, former, title="former")
    partner, partner_person = make_applicant()
    project = make_project(reviewer_person, start=TODAY - datetime.timedelta(days=900))
    make_member(project, partner_person, start=TODAY - datetime.timedelta(days=800))
    submit(call, partner, title="project")
    old, old_person = make_applicant()
    old_project = make_project(start=datetime.date(2015, 1, 1))
    make_member(
        old_project, reviewer_person, start=datetime.date(2015, 1, 1), end=datetime.date(2017, 1, 1)
    )
    make_member(
        old_project, old_person, start=datetime.date(2015, 1, 1), end=datetime.date(2017, 1, 1)
    )
    submit(call, old, title="old project")
    student, student_person = make_applicant()
    AdvisorRelation.objects.create(advisor=reviewer_person, advisee=student_person)
    submit(call, student, title="advisee")
    submit(call, reviewer, title="themself")
    stranger, _p = make_applicant()
    submit(call, stranger, title="stranger")

    refresh_conflicts(call=call)
    assert sources(call, reviewer) == {
        ("colleague", Conflict.Source.INSTITUTION),
        ("project", Conflict.Source.PROJECT),
        ("advisee", Conflict.Source.ADVISOR),
        ("themself", Conflict.Source.SELF),
        ("themself", Conflict.Source.INSTITUTION),  # one's own institution and project, too
        ("themself", Conflict.Source.PROJECT),
    }


def test_co_authors_of_a_recent_output_conflict_and_older_or_merged_ones_do_not():
    call = make_call()
    reviewer, reviewer_person = reviewer_with_profile("Cora Author")
    add_reviewer(call, reviewer)
    recent, recent_person = make_applicant()
    make_output(
        "Scaling beyond the frontier",
        year=TODAY.year - 1,
        authors=[("C. Author", reviewer_person, None), ("R. Recent", recent_person, None)],
    )
    submit(call, recent, title="recent co-author")
    old, old_person = make_applicant()
    make_output(
        "An old paper",
        year=TODAY.year - 5,
        authors=[("C. Author", reviewer_person, None), ("O. Old", old_person, None)],
    )
    submit(call, old, title="old co-author")
    merged, merged_person = make_applicant()
    kept = make_output("Kept record", year=TODAY.year, authors=["Someone Else"])
    make_output(
        "Merged duplicate",
        year=TODAY.year,
        authors=[("C. Author", reviewer_person, None), ("M. Merged", merged_person, None)],
        merged_into=kept,
    )
    submit(call, merged, title="merged duplicate's co-author")

    refresh_conflicts(call=call)
    assert sources(call, reviewer) == {("recent co-author", Conflict.Source.COAUTHOR)}
    assert call.conflicts.get(reviewer=reviewer).detail == "Scaling beyond the frontier"


def test_director_checks_a_candidate_before_inviting_without_saving():
    call = make_call()
    lab = make_institution("Candidate Lab")
    candidate, _person = reviewer_with_profile("Carl Candidate", institutions=[lab])
    applicant, _p = make_applicant(institutions=[lab])
    application = submit(call, applicant)
    found = check_candidate(call=call, user=candidate)
    assert [(app, source) for _r, app, source, _d in found] == [(application.pk, "institution")]
    assert not Conflict.objects.exists()


def test_a_new_conflict_removes_the_assignment_it_forbids():
    call = make_call()
    reviewer, reviewer_person = reviewer_with_profile("Late Link")
    add_reviewer(call, reviewer)
    applicant, applicant_person = make_applicant()
    application = submit(call, applicant)
    assign(application, reviewer)
    AdvisorRelation.objects.create(advisor=applicant_person, advisee=reviewer_person)
    refresh_conflicts(call=call)
    assert not application.assignments.exists()


def test_declared_conflicts_survive_recomputation_and_hide_the_application():
    call = make_call()
    reviewer, _person = reviewer_with_profile("Dee Clared")
    add_reviewer(call, reviewer)
    applicant, _p = make_applicant()
    application = submit(call, applicant)
    declare_conflict(assignment=assign(application, reviewer), detail="We are friends", by=reviewer)
    refresh_conflicts(call=call)
    assert list(call.conflicts.values_list("source", "detail")) == [("declared", "We are friends")]
    assert not application.assignments.exists()
