"""Milestone pages, API and home panel: the project's managers add, edit, complete and reopen;
bad input is refused with nothing changed."""

import datetime
import re

import pytest

from factories import make_person, make_user
from nairl.common.roles import Role
from nairl.research.domain.milestones import add_milestone
from nairl.research.models import Milestone

from .helpers import make_member, make_project

pytestmark = pytest.mark.django_db
END = datetime.date(2026, 12, 31)
API = "/api/v1/research/milestones/"


@pytest.fixture
def pi_user(db):
    return make_user("milestone-pi", Role.RESEARCHER)


@pytest.fixture
def project(pi_user):
    return make_project(make_person("Milestone PI", user=pi_user), end=END, is_public=True)


def milestone_on(project, *, due=datetime.date(2025, 6, 30), owner=None, **fields):
    return add_milestone(
        project=project,
        milestone=Milestone(
            **{"title_en": "Prototype", "description_en": "Secret plan", **fields},
            due=due,
            owner=owner or project.principal_investigator,
        ),
        by=None,
    )


def form(owner, **changes):
    return {"title_en": "Data ready", "due": "2025-05-01", "owner": str(owner.pk), **changes}


def test_the_pi_adds_a_milestone_for_a_member_in_the_page(pi_user, project, client_for):
    member = make_person("Owner Member")
    make_member(project, member)
    browser = client_for(pi_user)
    answer = browser.post(f"/research/projects/{project.pk}/milestones/new/", form(member))
    assert answer.status_code == 302
    assert Milestone.objects.get().owner == member
    page = browser.get(project.get_absolute_url()).content.decode()
    assert "Data ready" in page and "Owner Member" in page


def test_the_owner_choice_offers_the_current_members_only(pi_user, project, client_for):
    make_member(project, make_person("Still Here"))
    make_member(project, make_person("Long Gone"), end=datetime.date(2024, 12, 31))
    page = client_for(pi_user).get(f"/research/projects/{project.pk}/milestones/new/")
    assert "Still Here" in page.content.decode()
    assert "Long Gone" not in page.content.decode()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"due": "2024-01-01"}, "due", "outside the project's dates"),
        ({"due": "2027-01-01"}, "due", "outside the project's dates"),
        ({"owner": "outsider"}, "owner", "Select a valid choice"),
        ({"title_en": ""}, None, ""),
    ],
)
def test_bad_milestone_input_is_a_400_and_saves_nothing(
    pi_user, project, client_for, changes, field, message
):
    outsider = make_person("Outsider")
    data = {**form(project.principal_investigator), **changes}
    if data["owner"] == "outsider":
        data["owner"] = str(outsider.pk)
    answer = client_for(pi_user).post(f"/research/projects/{project.pk}/milestones/new/", data)
    assert answer.status_code == 400
    errors = answer.context["form"].errors
    if field:
        assert message in errors[field][0]
    assert not Milestone.objects.exists()


def test_complete_then_reopen_in_the_page_and_completing_twice_is_refused(
    pi_user, project, client_for
):
    milestone = milestone_on(project)
    browser = client_for(pi_user)
    url = f"/research/milestones/{milestone.pk}/complete/"
    assert browser.post(url, {"on": "2025-06-01"}).status_code == 302
    again = browser.post(url, {"on": "2025-07-01"})
    assert again.status_code == 400
    assert "already completed on 2025-06-01" in again.context["form"].non_field_errors()[0]
    milestone.refresh_from_db()
    assert milestone.completed_on == datetime.date(2025, 6, 1)
    page = browser.get(project.get_absolute_url()).content.decode()
    assert re.search(r"<s>[^/]*Prototype", page)  # struck through
    assert browser.post(f"/research/milestones/{milestone.pk}/reopen/").status_code == 302
    milestone.refresh_from_db()
    assert milestone.completed_on is None


def test_a_member_who_does_not_manage_the_project_may_not_change_it(project, client_for):
    user = make_user("plain-member", Role.RESEARCHER)
    make_member(project, make_person(user=user))
    milestone = milestone_on(project)
    browser = client_for(user)
    assert browser.post(f"/research/milestones/{milestone.pk}/complete/", {}).status_code == 403
    assert browser.get(f"/research/projects/{project.pk}/milestones/new/").status_code == 403
    assert Milestone.objects.get().completed_on is None
    page = browser.get(project.get_absolute_url()).content.decode()
    assert "Secret plan" in page  # members see the description
    outsider_page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Prototype" in outsider_page and "Secret plan" not in outsider_page


def test_overdue_milestones_are_marked_on_the_project_page(project, client_for):
    milestone_on(project, due=datetime.date(2024, 6, 1))
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert 'class="overdue"' in page and "overdue" in page


def test_api_create_patch_complete_and_reopen(pi_user, project, api_client_for):
    member = make_person()
    make_member(project, member)
    api = api_client_for(pi_user)
    created = api.post(
        API,
        {
            "project": project.pk,
            "title_en": "API milestone",
            "due": "2025-03-01",
            "owner": member.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    url = f"{API}{created.json()['id']}/"
    patched = api.patch(url, {"due": "2025-04-01"}, format="json")
    assert patched.json()["due"] == "2025-04-01"
    done = api.post(f"{url}complete/", {"on": "2025-03-15"}, format="json")
    assert done.json()["completed_on"] == "2025-03-15"
    twice = api.post(f"{url}complete/", {}, format="json")
    assert twice.status_code == 400 and "already completed" in twice.json()["completed_on"][0]
    assert api.post(f"{url}reopen/", format="json").json()["completed_on"] is None


def test_api_bad_input_is_a_400_and_changes_nothing(pi_user, project, api_client_for):
    api = api_client_for(pi_user)
    data = {"project": project.pk, "title_en": "X", "due": "2025-03-01"}
    outsider = api.post(API, {**data, "owner": make_person().pk}, format="json")
    assert outsider.json() == {
        "owner": [
            "The owner must be a member of the project on the due date "
            "(or today, for a milestone still open)."
        ]
    }
    owner = project.principal_investigator.pk
    late = api.post(API, {**data, "owner": owner, "due": "2030-01-01"}, format="json")
    assert late.status_code == 400 and "due" in late.json()
    milestone = milestone_on(project)
    early = api.post(f"{API}{milestone.pk}/complete/", {"on": "2020-01-01"}, format="json")
    assert early.status_code == 400 and "completed_on" in early.json()
    moved = api.patch(f"{API}{milestone.pk}/", {"project": make_project().pk}, format="json")
    assert moved.status_code == 400
    milestone.refresh_from_db()
    assert milestone.completed_on is None and milestone.project == project
    assert Milestone.objects.count() == 1


def test_api_non_member_cannot_add_or_complete(project, api_client_for):
    stranger = make_user("stranger", Role.RESEARCHER)
    api = api_client_for(stranger)
    milestone = milestone_on(project)
    data = {
        "project": project.pk,
        "title_en": "X",
        "due": "2025-03-01",
        "owner": project.principal_investigator.pk,
    }
    assert api.post(API, data, format="json").status_code == 403
    assert api.post(f"{API}{milestone.pk}/complete/", {}, format="json").status_code == 403
    assert Milestone.objects.get().completed_on is None
    assert api.get(f"{API}{milestone.pk}/").json()["description_en"] is None


def test_api_filters_by_state_and_due_dates(project, api_client_for):
    today = datetime.date.today()
    late = milestone_on(project, due=max(project.start, today - datetime.timedelta(days=5)))
    done = milestone_on(project, completed_on=project.start)
    api = api_client_for(None)

    def ids(query):
        return [row["id"] for row in api.get(f"{API}?{query}").json()["results"]]

    assert ids("state=completed") == [done.pk]
    assert late.pk in ids("state=open") and done.pk not in ids("state=open")
    assert ids("due_before=2025-07-01&due_after=2025-06-30") == [done.pk]
    assert api.get(f"{API}?state=late").status_code == 400


def test_the_home_panel_lists_open_milestones_due_soon(pi_user, client_for):
    project = make_project(make_person(user=pi_user))  # no end: due dates far ahead are allowed
    today = datetime.date.today()
    milestone_on(project, due=today + datetime.timedelta(days=10))
    milestone_on(project, due=today + datetime.timedelta(days=90), title_en="Far ahead")
    browser = client_for(pi_user)
    page = browser.get("/").content.decode()
    assert "Milestones due" in page and "Prototype" in page
    assert "Far ahead" not in page
    assert (
        "Milestones due"
        not in client_for(make_user("no-work", Role.RESEARCHER)).get("/").content.decode()
    )


def test_the_milestones_section_and_refusals_read_in_korean(pi_user, project, client_for):
    milestone_on(project, due=datetime.date(2024, 6, 1), title_ko="시제품")
    browser = client_for(pi_user)
    browser.post("/language/", {"language": "ko"})
    page = browser.get(project.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "마일스톤" in page and "기한 지남" in page and "시제품" in page
    refused = browser.post(
        f"/research/projects/{project.pk}/milestones/new/",
        form(project.principal_investigator, due="2030-01-01"),
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert "기한이 과제 기간(2024-03-01 – 2026-12-31)을 벗어납니다." in refused.content.decode()
