"""The blind-review leak test: signed in as each reviewer of a blind call, collect every page,
export, file and API answer the reviewer can reach (following links within the calls pages
and the calls API, and the home page), and every email they were sent, and search all of it
for each applicant's names, email, ORCID and institution.

The directory (/people/) is public by design and out of the walk: what must not happen is
that the review tells a reviewer who wrote an application.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from factories import make_affiliation, make_institution, make_person, make_user, valid_orcid
from nairl.calls.domain import applications as verbs
from nairl.calls.domain.answers import attach
from nairl.calls.domain.assignment import start_assignment
from nairl.calls.domain.reviews import save_review
from nairl.calls.models import Assignment, Question, Review
from nairl.common.roles import Role
from nairl.people.models import ExpertiseArea

from .helpers import add_reviewer, make_call, plan_question

pytestmark = pytest.mark.django_db
LINK = re.compile(r'(?:href|action)="([^"#]+)')
ALLOWED_PREFIXES = ("/calls/", "/api/v1/calls/")
APPLICANTS = [
    ("Seo-yeon Hwangbo", "황보서연", "Quokka Robotics Institute", "쿼카로봇연구소"),
    ("Marguerite Delacroix-Fontaine", "", "Institut Zéphyrin", ""),
    ("Takeshi Wakabayashi", "와카바야시 다케시", "Kumamoto Ionics Lab", ""),
]


@pytest.fixture(autouse=True)
def private_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def build(capture):
    call = make_call(
        blind=True,
        reviews_per_application=2,
        reviewer_load=2,
        min_expertise=0.0,
        release_reviews=True,
    )
    areas = list(ExpertiseArea.objects.filter(code__in=["cs.RO", "cs.LG"]))
    secrets = []
    for number, (name_en, name_ko, institution_en, institution_ko) in enumerate(APPLICANTS):
        user = make_user(
            f"blind-applicant-{number}", Role.RESEARCHER, first_name=name_en.split()[0]
        )
        institution = make_institution(institution_en, institution_ko)
        orcid = valid_orcid(8_800_000 + number)
        person = make_person(
            name_en, name_ko, user=user, orcid=orcid, email=f"{user.username}@mail.example"
        )
        make_affiliation(person, institution)
        application = verbs.start_application(call=call, by=user)
        # Applicants write their names into what they send: the title, answers, files.
        application.title = f"Robot learning by {name_en}"
        plan = f"I am {name_en} ({name_ko}) of {institution_en}, ORCID {orcid}, {user.email}."
        verbs.save_application(
            application=application,
            answers={plan_question(call).field_name: plan},
            expertise=areas,
            by=user,
        )
        cv = call.questions.get(kind=Question.Kind.FILE)
        info = f"/Author ({name_en}) /Creator ({institution_en})".encode()
        pdf = (
            b"%PDF-1.4\n1 0 obj << "
            + info
            + b" >> endobj\nBT ("
            + user.email.encode()
            + b") Tj ET\n"
        )
        attach(application, cv, f"CV_{name_en.replace(' ', '_')}.pdf", pdf)
        verbs.submit_application(application=application, by=user)
        secrets += [
            name_en,
            name_ko,
            user.email,
            person.email,
            orcid,
            institution_en,
            institution_ko,
        ]
        secrets += [part for part in name_en.replace("-", " ").split() if len(part) > 3]
    reviewers = []
    for number in range(3):
        user = make_user(f"blind-reviewer-{number}", Role.REVIEWER)
        make_person(
            f"Reviewer Number{number}", user=user, expertise=["cs.RO"], bio_en="robot learning"
        )
        add_reviewer(call, user)
        reviewers.append(user)
    with capture(execute=True):
        run = start_assignment(call=call, by=None)
    run.refresh_from_db()
    assert run.status == "done", run.error
    # Each reviewer submits one review, so review pages and endpoints have content.
    for user in reviewers:
        assignment = Assignment.objects.filter(reviewer=user).first()
        criteria = {str(c.pk): 4 for c in call.criteria.all()}
        save_review(review=Review(assignment=assignment), scores=criteria, submit=True, by=user)
    return call, reviewers, [s for s in secrets if s]


def crawl(user) -> dict[str, bytes]:
    """Every page, file and API answer reachable from the reviewer's start points."""
    page = Client(HTTP_ACCEPT_LANGUAGE="en")
    page.force_login(user)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(user)
    queue = [
        "/",
        "/calls/",
        "/calls/reviews/",
        "/api/v1/calls/assignments/",
        "/api/v1/calls/reviews/",
        "/api/v1/calls/calls/",
        "/api/v1/calls/applications/",
    ]
    seen: dict[str, bytes] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        client = api if url.startswith("/api/") else page
        response = client.get(url)
        seen[url] = response.content
        if response.status_code != 200:
            continue
        text = response.content.decode("utf-8", "replace")
        found = LINK.findall(text) + re.findall(r'"(/(?:calls|api/v1/calls)/[^"]*)"', text)
        for link in found:
            target = urljoin(url, link.replace("&amp;", "&"))
            path = urlsplit(target).path + (
                f"?{urlsplit(target).query}" if urlsplit(target).query else ""
            )
            if path.startswith(ALLOWED_PREFIXES) and path not in seen:
                queue.append(path)
        # API answers link pages of results and attachments by their URLs.
        queue += [
            u
            for u in re.findall(r"https?://testserver(/[^\"]+)", text)
            if u.startswith(ALLOWED_PREFIXES)
        ]
        if url.startswith("/calls/reviews/") and url.count("/") == 4:
            queue.append(url.replace("/calls/reviews/", "/api/v1/calls/assignments/"))
    return seen


def test_no_reviewer_of_a_blind_call_can_learn_who_the_applicants_are(
    django_capture_on_commit_callbacks,
):
    call, reviewers, secrets = build(django_capture_on_commit_callbacks)
    for reviewer in reviewers:
        collected = crawl(reviewer)
        reached = [url for url in collected if "/calls/reviews/" in url or "/attachments/" in url]
        assert any("/attachments/" in url for url in reached), "the walk must reach the files"
        assert any(re.match(r"/api/v1/calls/assignments/\d+/", url) for url in collected)
        emails = [m for m in mail.outbox if reviewer.email in m.to]
        assert emails, "the reviewer was told of the assignment"
        documents = {
            **collected,
            **{f"email {m.subject}": (m.subject + m.body).encode() for m in emails},
        }
        for where, content in documents.items():
            lowered = content.lower()
            for secret in secrets:
                forms = {secret.encode().lower(), secret.encode("utf-16-be").lower()}
                assert not any(form in lowered for form in forms), f"{secret!r} leaks in {where}"
    # The walk was not empty: the reviewer read application text and files.
    assert len(collected) > 8


def test_the_same_walk_finds_names_in_an_open_call(django_capture_on_commit_callbacks):
    """The search works: with blind review off, the walk does find the applicants' names."""
    call, reviewers, secrets = build(django_capture_on_commit_callbacks)
    call.blind = False
    call.save()
    everything = b"".join(crawl(reviewers[0]).values()).lower()
    assert any(secret.encode().lower() in everything for secret in secrets)
