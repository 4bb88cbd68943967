"""Bad input on the pages and the API: a clear error in the user's language, nothing changed,
and attempts on what is not one's own recorded."""

import pytest

from factories import make_user
from nairl.calls.models import AccessRefusal, Application, Review
from nairl.common.roles import Role

from .helpers import add_reviewer, assign, make_applicant, make_call, review, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def reviewed():
    call = make_call()
    mine, theirs = (
        make_user("me-reviewer", Role.REVIEWER),
        make_user("other-reviewer", Role.REVIEWER),
    )
    add_reviewer(call, mine)
    add_reviewer(call, theirs)
    first = submit(call, make_applicant()[0])
    second = submit(call, make_applicant()[0])
    return call, mine, assign(first, mine), assign(second, theirs)


def test_a_reviewer_reaching_another_review_by_url_or_api_finds_nothing_and_is_recorded(
    reviewed, client_for, api_client_for
):
    _call, mine, _own, other = reviewed
    assert client_for(mine).get(f"/calls/reviews/{other.pk}/").status_code == 404
    assert api_client_for(mine).get(f"/api/v1/calls/assignments/{other.pk}/").status_code == 404
    answer = api_client_for(mine).post(
        "/api/v1/calls/reviews/", {"assignment": other.pk, "scores": {}}, format="json"
    )
    assert answer.status_code == 400 and "assignment" in answer.json(), list(
        AccessRefusal.objects.values("user_id", "what", "path")
    )
    assert AccessRefusal.objects.filter(user=mine, what="assignment").count() == 3
    assert not Review.objects.exists()


def test_a_conflicted_application_disappears_from_the_reviewers_lists(
    reviewed, client_for, api_client_for
):
    from nairl.calls.domain.conflicts import declare_conflict

    _call, mine, own, _other = reviewed
    code = own.application.code
    assert code in client_for(mine).get("/calls/reviews/").content.decode()
    Review.objects.create(assignment=own, scores={})
    declare_conflict(assignment=own, detail="former student", by=mine)
    assert code not in client_for(mine).get("/calls/reviews/").content.decode()
    assert api_client_for(mine).get("/api/v1/calls/assignments/").json()["results"] == []
    assert api_client_for(mine).get("/api/v1/calls/reviews/").json()["results"] == []


def test_scores_outside_the_scale_are_refused_in_the_readers_language(
    reviewed, client_for, api_client_for
):
    call, mine, own, _other = reviewed
    first, second = call.criteria.all()
    answer = api_client_for(mine).post(
        "/api/v1/calls/reviews/",
        {"assignment": own.pk, "scores": {str(first.pk): 9, str(second.pk): 3}, "submit": True},
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json()[f"c{first.pk}"] == ["Scores go from 1 to 5."]
    mine.language = "ko"
    mine.save()
    page = client_for(mine).post(
        f"/calls/reviews/{own.pk}/",
        {f"c{first.pk}": "0", f"c{second.pk}": "3", "confidence": "3", "then": "submit"},
    )
    assert page.status_code == 400
    assert "점수는 1부터 5까지입니다." in page.content.decode()
    assert not Review.objects.exists()


def test_a_review_is_saved_and_its_total_weighted(reviewed, api_client_for):
    call, mine, own, _other = reviewed
    first, second = call.criteria.all()  # weights 2 and 1
    answer = api_client_for(mine).post(
        "/api/v1/calls/reviews/",
        {
            "assignment": own.pk,
            "scores": {str(first.pk): 5, str(second.pk): 2},
            "confidence": 4,
            "submit": True,
        },
        format="json",
    )
    assert answer.status_code == 201, list(AccessRefusal.objects.values("user_id", "what", "path"))
    assert answer.json()["total"] == 4.0 and answer.json()["status"] == "submitted"


def test_late_submission_through_the_api_changes_nothing(api_client_for):
    import datetime

    from django.utils import timezone

    call = make_call(
        opens=timezone.now() - datetime.timedelta(days=5),
        closes=timezone.now() - datetime.timedelta(seconds=1),
    )
    user, _person = make_applicant()
    answer = api_client_for(user).post(
        "/api/v1/calls/applications/", {"call": call.pk, "title": "Late"}, format="json"
    )
    assert answer.status_code == 400
    assert "deadline of this call has passed" in str(answer.json())
    assert not Application.objects.exists()


def test_bulk_decision_tells_each_applicant_and_releases_reviews(
    client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    from nairl.calls.signals import application_decided

    call = make_call(release_reviews=True)
    director = make_user("boss", Role.PROGRAM_DIRECTOR)
    reviewer = make_user("judge", Role.REVIEWER)
    add_reviewer(call, reviewer)
    people = [make_applicant()[0] for _ in range(2)]
    applications = [submit(call, user) for user in people]
    review(assign(applications[0], reviewer), [5, 4], comment="Clear and bold.")
    heard = []
    application_decided.connect(
        lambda sender, application, status, **kw: heard.append((application.pk, status)), weak=False
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for(director).post(
            f"/calls/{call.pk}/ranking/",
            {
                "status": "accepted",
                "note": "Welcome.",
                "applications": [a.pk for a in applications],
            },
        )
    assert answer.status_code == 302
    assert sorted(heard) == sorted((a.pk, "accepted") for a in applications)
    assert {m.to[0] for m in mail.outbox} == {u.email for u in people}
    page = client_for(people[0]).get(f"/calls/applications/{applications[0].pk}/").content.decode()
    assert "Accepted" in page and "Clear and bold." in page and "judge" not in page
    illegal = client_for(director).post(
        f"/calls/{call.pk}/ranking/", {"status": "waitlisted", "applications": [applications[0].pk]}
    )
    assert illegal.status_code == 400 and "cannot become" in illegal.content.decode()
    assert Application.objects.get(pk=applications[0].pk).status == "accepted"
