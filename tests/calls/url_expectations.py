"""Permission-walk expectations for nairl.calls: pages and API.

The walking researcher has a draft in the public call; another applicant's submitted
application is assigned to the walking reviewer (who has reviewed it). Program directors and
hub staff run calls; the funder and the finance officer read calls and nothing of applications.
A hidden application, assignment or review is a 404 (and the attempt is recorded).
"""

from factories import make_user
from nairl.calls.domain import applications as verbs
from nairl.calls.domain.answers import attach
from nairl.calls.models import Call, Cohort, Question
from nairl.common.roles import Role
from permission_expectations import API_ANONYMOUS, Case, everyone, only, signed_in

from .helpers import add_reviewer, assign, make_call, review, submit

MANAGERS = (Role.PROGRAM_DIRECTOR, Role.HUB_STAFF)
READERS = (Role.FUNDER_VIEWER, Role.FINANCE_OFFICER)


def objects(users):
    call = make_call(title_en="Walk call", run_by=users[Role.PROGRAM_DIRECTOR])
    invited = make_call(title_en="Walk invited call", visibility=Call.Visibility.INVITED)
    draft = verbs.start_application(call=call, by=users[Role.RESEARCHER])
    other = make_user("calls-walk-applicant", Role.RESEARCHER)
    submitted = submit(call, other)
    file_question = call.questions.get(kind=Question.Kind.FILE)
    attachment = attach(submitted, file_question, "cv.txt", b"A plain CV.\n")
    add_reviewer(call, users[Role.REVIEWER])
    assignment = assign(submitted, users[Role.REVIEWER])
    done = review(assignment, [4, 3])
    cohort = Cohort.objects.create(
        program=call.program, name_en="Walk cohort", start="2025-01-01", end="2025-06-30"
    )
    return {
        "calls_call": call,
        "calls_invited": invited,
        "calls_draft": draft,
        "calls_submitted": submitted,
        "calls_question": file_question,
        "calls_criterion": call.criteria.first(),
        "calls_attachment": attachment,
        "calls_assignment": assignment,
        "calls_review": done,
        "calls_cohort": cohort,
    }


def pk_of(key):
    return lambda world: {"pk": world[key].pk}


manage = only(*MANAGERS)
manage_post = only(*MANAGERS, allowed=400)
invited_view = {**everyone(404), **dict.fromkeys((*MANAGERS, *READERS, Role.ADMINISTRATOR), 200)}
applicant_only = {**everyone(404), Role.RESEARCHER: 200, "anonymous": 302}
managers_see = {
    **everyone(404),
    **dict.fromkeys((*MANAGERS, Role.ADMINISTRATOR), 200),
    "anonymous": 302,
}
reviewer_only = {**everyone(404), Role.REVIEWER: 200, "anonymous": 302}
reviewer_or_managers = {**managers_see, Role.REVIEWER: 200}
not_post = everyone(405)
# The walking researcher already has the draft the call allows; the others start one.
apply_post = {**signed_in(302), Role.RESEARCHER: 400}
api_anonymous = {"anonymous": API_ANONYMOUS}

EXPECTATIONS = {
    "calls:list": Case(everyone(200)),
    "calls:call-create": [Case(manage), Case(manage_post, method="post", data={})],
    "calls:call": [
        Case(everyone(200), kwargs=pk_of("calls_call"), label="public"),
        Case(invited_view, kwargs=pk_of("calls_invited"), label="invited"),
    ],
    "calls:call-edit": [
        Case(manage, kwargs=pk_of("calls_call")),
        Case(manage_post, kwargs=pk_of("calls_call"), method="post", data={}),
    ],
    "calls:question-create": [
        Case(manage, kwargs=pk_of("calls_call")),
        Case(manage_post, kwargs=pk_of("calls_call"), method="post", data={}),
    ],
    "calls:question-edit": Case(manage, kwargs=pk_of("calls_question")),
    "calls:criterion-create": [
        Case(manage, kwargs=pk_of("calls_call")),
        Case(manage_post, kwargs=pk_of("calls_call"), method="post", data={}),
    ],
    "calls:criterion-edit": Case(manage, kwargs=pk_of("calls_criterion")),
    "calls:apply": [
        Case(signed_in(200), kwargs=pk_of("calls_call")),
        Case(apply_post, kwargs=pk_of("calls_call"), method="post", data={}),
        Case({**invited_view, "anonymous": 302}, kwargs=pk_of("calls_invited"), label="invited"),
    ],
    "calls:call-applications": Case(manage, kwargs=pk_of("calls_call")),
    "calls:reviewers": [
        Case(manage, kwargs=pk_of("calls_call")),
        Case(manage_post, kwargs=pk_of("calls_call"), method="post", data={}),
    ],
    "calls:assignments": [
        Case(manage, kwargs=pk_of("calls_call")),
        Case(manage_post, kwargs=pk_of("calls_call"), method="post", data={}),
    ],
    "calls:assignment-run": [
        Case(not_post, kwargs=pk_of("calls_call")),
        Case(only(*MANAGERS, allowed=302), kwargs=pk_of("calls_call"), method="post"),
    ],
    "calls:ranking": [
        Case(manage, kwargs=pk_of("calls_call")),
        Case(manage_post, kwargs=pk_of("calls_call"), method="post", data={}),
    ],
    "calls:ranking-export": Case(manage, kwargs=pk_of("calls_call")),
    "calls:my-applications": Case(signed_in(200)),
    "calls:application": [
        Case(applicant_only, kwargs=pk_of("calls_draft"), label="own draft"),
        Case(managers_see, kwargs=pk_of("calls_submitted"), label="another's"),
    ],
    "calls:application-edit": [
        Case(applicant_only, kwargs=pk_of("calls_draft")),
        Case(
            {**applicant_only, Role.RESEARCHER: 400},
            kwargs=pk_of("calls_draft"),
            method="post",
            data={},
        ),
        Case(
            {**managers_see, **dict.fromkeys((*MANAGERS, Role.ADMINISTRATOR), 403)},
            kwargs=pk_of("calls_submitted"),
            label="another's",
        ),
    ],
    "calls:application-submit": [
        Case(not_post, kwargs=pk_of("calls_draft")),
        Case({**applicant_only, Role.RESEARCHER: 302}, kwargs=pk_of("calls_draft"), method="post"),
    ],
    "calls:application-withdraw": [
        Case(not_post, kwargs=pk_of("calls_submitted")),
        Case(
            {**managers_see, **dict.fromkeys((*MANAGERS, Role.ADMINISTRATOR), 403)},
            kwargs=pk_of("calls_submitted"),
            method="post",
        ),
    ],
    "calls:attachment": Case(reviewer_or_managers, kwargs=pk_of("calls_attachment")),
    "calls:reviews": Case(signed_in(200)),
    "calls:review": [
        Case(reviewer_only, kwargs=pk_of("calls_assignment")),
        Case(
            {**reviewer_only, Role.REVIEWER: 400},
            kwargs=pk_of("calls_assignment"),
            method="post",
            data={},
        ),
    ],
    "calls:declare-conflict": [
        Case(reviewer_only, kwargs=pk_of("calls_assignment")),
        Case(
            {**reviewer_only, Role.REVIEWER: 400},
            kwargs=pk_of("calls_assignment"),
            method="post",
            data={},
        ),
    ],
    "calls:cohorts": Case(everyone(200)),
    "calls:cohort-create": [Case(manage), Case(manage_post, method="post", data={})],
    "calls:cohort": Case(everyone(200), kwargs=pk_of("calls_cohort")),
    # API
    "calls-call-list": [
        Case(everyone(200)),
        Case(only(*MANAGERS, allowed=400, anonymous=API_ANONYMOUS), method="post", data={}),
    ],
    "calls-call-detail": [
        Case(everyone(200), kwargs=pk_of("calls_call")),
        Case(invited_view, kwargs=pk_of("calls_invited"), label="invited"),
        Case(
            only(*MANAGERS, anonymous=API_ANONYMOUS),
            kwargs=pk_of("calls_call"),
            method="patch",
            data={},
        ),
    ],
    "calls-application-list": [
        Case(everyone(200)),
        Case({**everyone(400), **api_anonymous}, method="post", data={}),
    ],
    "calls-application-detail": [
        Case({**applicant_only, "anonymous": 404}, kwargs=pk_of("calls_draft"), label="own draft"),
        Case(
            {**managers_see, "anonymous": 404}, kwargs=pk_of("calls_submitted"), label="another's"
        ),
        Case(
            {**everyone(404), Role.RESEARCHER: 200, **api_anonymous},
            kwargs=pk_of("calls_draft"),
            method="patch",
            data={},
        ),
    ],
    "calls-application-submit": Case(
        {**everyone(404), Role.RESEARCHER: 400, **api_anonymous},
        kwargs=pk_of("calls_draft"),
        method="post",
    ),
    "calls-application-withdraw": Case(
        {**everyone(404), **dict.fromkeys((*MANAGERS, Role.ADMINISTRATOR), 403), **api_anonymous},
        kwargs=pk_of("calls_submitted"),
        method="post",
    ),
    "calls-assignment-list": Case(everyone(200)),
    "calls-assignment-detail": Case(
        {**reviewer_or_managers, "anonymous": 404}, kwargs=pk_of("calls_assignment")
    ),
    "calls-review-list": [
        Case(everyone(200)),
        Case({**everyone(400), **api_anonymous}, method="post", data={}),
    ],
    "calls-review-detail": [
        Case({**reviewer_or_managers, "anonymous": 404}, kwargs=pk_of("calls_review")),
        Case(
            {
                **everyone(404),
                **dict.fromkeys((*MANAGERS, Role.ADMINISTRATOR), 403),
                Role.REVIEWER: 200,
                **api_anonymous,
            },
            kwargs=pk_of("calls_review"),
            method="patch",
            data={},
        ),
    ],
}
