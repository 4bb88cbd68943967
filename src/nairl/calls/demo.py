"""Demo data for calls: open and closed calls of every kind, blind and open, applicants and
reviewers drawn from the directory's people (given accounts), computed conflicts, an automatic
assignment, reviews with reviewer strictness, decisions, and cohorts with alumni.

small: six calls, ~60 applications, 12 reviewers (a few seconds). national: a fellowship
call of 2,000 applications and 200 reviewers, ~500 more applications in the other calls
(bulk inserts, then the real conflict computation and assignment). Idempotent: a call
that exists (by its English title) is left alone.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from nairl.common.audit import record_batch
from nairl.common.jobs import run_job
from nairl.common.roles import Role, grant
from nairl.people.models import ExpertiseArea, Person
from nairl.research.flagships import ensure_flagship_programs

from .domain.assignment import compute_assignment
from .domain.conflicts import refresh_conflicts
from .matching.strictness import weighted_total
from .models import (
    Application,
    Assignment,
    AssignmentRun,
    Call,
    CallReviewer,
    Cohort,
    CohortMember,
    CohortSession,
    Criterion,
    Question,
    Review,
)

SIZES = {"small": (60, 12), "national": (2000, 200)}  # applications, reviewers
DAY = datetime.timedelta(days=1)
# (kind, English title, Korean title, program, days from now to the deadline, blind, share)
CALLS = [
    (
        Call.Kind.FELLOWSHIP,
        "AI Leader Fellowship 2025",
        "AI 리더 펠로십 2025",
        "beyond-scaling",
        -40,
        True,
        0.75,
    ),
    (
        Call.Kind.RESIDENCY,
        "Visiting residency, spring 2026",
        "방문 연구 레지던시 2026 봄",
        "robot-fm",
        20,
        True,
        0.08,
    ),
    (
        Call.Kind.SCHOOL,
        "Summer school on robot learning",
        "로봇 학습 여름 학교",
        "robot-fm",
        -60,
        False,
        0.07,
    ),
    (
        Call.Kind.JOINT_PROJECT,
        "Joint research on efficient training",
        "효율적 학습 공동 연구",
        "beyond-scaling",
        45,
        True,
        0.04,
    ),
    (
        Call.Kind.TALK,
        "Seminar speakers, autumn",
        "가을 세미나 연사",
        "beyond-scaling",
        10,
        False,
        0.03,
    ),
    (
        Call.Kind.OTHER,
        "Open-source tooling grants",
        "오픈소스 도구 지원",
        "beyond-scaling",
        -90,
        False,
        0.03,
    ),
]
PLANS = [
    (
        "We will study compute-optimal training beyond neural scaling laws.",
        "신경망 스케일링 법칙을 넘는 계산 최적 학습을 연구합니다.",
    ),
    (
        "A robot foundation model for perception, decision-making and control.",
        "인지, 의사결정, 제어를 아우르는 로봇 파운데이션 모델.",
    ),
    ("Data pruning to beat power-law learning curves.", "멱법칙 학습 곡선을 넘는 데이터 가지치기."),
    (
        "Efficient inference for large language models on edge devices.",
        "엣지 기기에서의 대규모 언어 모델 효율적 추론.",
    ),
    ("Reinforcement learning for dexterous manipulation.", "정교한 조작을 위한 강화학습."),
]


def load(scale: str, stdout) -> None:
    applications, reviewers = SIZES[scale]
    rng = random.Random(12)
    with transaction.atomic():
        made = 0
        for kind, title_en, title_ko, program, days, blind, share in CALLS:
            if Call.objects.filter(title_en=title_en).exists():
                continue
            call = make_call(kind, title_en, title_ko, program, days, blind)
            # The first call takes the full national size: the benchmark's 2,000 applications.
            count = applications if share > 0.5 else max(3, round(applications * share))
            fill(call, count, reviewers if share > 0.5 else max(6, reviewers // 10), rng)
            made += 1
        cohorts = load_cohorts()
    stdout.write(
        f"calls: {made} call(s) added; {Call.objects.count()} calls, "
        f"{Application.objects.count()} applications, "
        f"{CallReviewer.objects.values('reviewer').distinct().count()} reviewers, "
        f"{Review.objects.count()} reviews; {cohorts} cohort(s) added"
    )


def make_call(kind, title_en, title_ko, program_code, days, blind) -> Call:
    now = timezone.now().replace(microsecond=0)
    closes = now + days * DAY
    director = get_user_model().objects.filter(username="director").first()
    call = Call.objects.create(
        program=ensure_flagship_programs()[program_code],
        kind=kind,
        title_en=title_en,
        title_ko=title_ko,
        description_en="We invite applications from researchers at home and abroad.",
        description_ko="국내외 연구자의 지원을 받습니다.",
        eligibility_en="Researchers with a doctorate or doctoral students.",
        eligibility_ko="박사 학위자 또는 박사 과정생.",
        opens_at=closes - 60 * DAY,
        closes_at=closes,
        review_starts_at=closes + DAY,
        review_ends_at=closes + 21 * DAY,
        decisions_at=closes + 30 * DAY,
        blind=blind,
        reviewer_load=40,
        release_reviews=True,
        run_by=director,
        max_applications_per_person=2 if kind == Call.Kind.TALK else 1,
    )
    Question.objects.bulk_create(
        [
            Question(
                call=call, order=1, kind="long", label_en="Research plan", label_ko="연구 계획"
            ),
            Question(
                call=call,
                order=2,
                kind="number",
                label_en="Months on site",
                label_ko="체류 개월 수",
                min_value=1,
                max_value=12,
                required=False,
            ),
            Question(
                call=call,
                order=3,
                kind="file",
                label_en="CV (PDF)",
                label_ko="이력서(PDF)",
                file_types=["pdf"],
                required=False,
            ),
        ]
    )
    Criterion.objects.bulk_create(
        [
            Criterion(call=call, order=1, name_en="Originality", name_ko="독창성", weight=2),
            Criterion(call=call, order=2, name_en="Feasibility", name_ko="실현 가능성", weight=1),
            Criterion(
                call=call,
                order=3,
                name_en="Fit with the program",
                name_ko="프로그램 적합성",
                weight=1,
            ),
        ]
    )
    return call


def accounts(prefix: str, people: list[Person], role: str) -> list:
    """A login for each person (no usable password: demo logins are the role accounts)."""
    User = get_user_model()
    existing = {u.username: u for u in User.objects.filter(username__startswith=prefix)}
    new = []
    for person in people:
        name = f"{prefix}{person.pk}"
        if name not in existing:
            user = User(
                username=name, email=f"{name}@demo.nairl.example", language=rng_language(person)
            )
            user.set_unusable_password()
            new.append(user)
    User.objects.bulk_create(new)
    users = {u.username: u for u in User.objects.filter(username__startswith=prefix)}
    linked = []
    for person in people:
        user = users[f"{prefix}{person.pk}"]
        if person.user_id is None:
            person.user = user
            linked.append(person)
    Person.objects.bulk_update(linked, ["user"])
    if role:
        for user in users.values():
            grant(user, role)
    return [users[f"{prefix}{p.pk}"] for p in people]


def rng_language(person) -> str:
    return "ko" if person.country == "KR" else "en"


def fill(call, count: int, reviewer_count: int, rng) -> None:
    people = list(Person.objects.filter(user__isnull=True).order_by("pk")[: count + reviewer_count])
    if len(people) < count + reviewer_count:
        return
    reviewer_people, applicant_people = people[:reviewer_count], people[reviewer_count:]
    reviewers = accounts("demo-reviewer-", reviewer_people, Role.REVIEWER)
    demo_reviewer = get_user_model().objects.filter(username="reviewer").first()
    if demo_reviewer is not None:
        reviewers.append(demo_reviewer)
    CallReviewer.objects.bulk_create([CallReviewer(call=call, reviewer=u) for u in reviewers])
    applicants = accounts("demo-applicant-", applicant_people, "")
    plan_question = call.questions.get(kind="long")
    areas = list(ExpertiseArea.objects.all())
    last = call.applications.aggregate(last=Max("number"))["last"] or 0
    phase = call.phase()
    status = Application.Status.SUBMITTED if phase != "submission" else Application.Status.DRAFT
    new = []
    for number, (user, person) in enumerate(
        zip(applicants, applicant_people, strict=True), start=last + 1
    ):
        plan_en, plan_ko = rng.choice(PLANS)
        new.append(
            Application(
                call=call,
                applicant=user,
                person=person,
                number=number,
                title=plan_en.rstrip(".")[:300],
                answers={str(plan_question.pk): f"{plan_en} {plan_ko}"},
                status=status if number % 4 else Application.Status.SUBMITTED,
                submitted_at=call.closes_at - rng.randint(1, 50) * DAY,
            )
        )
    made = Application.objects.bulk_create(new)
    record_batch(made)
    through = Application.expertise.through
    through.objects.bulk_create(
        through(application_id=a.pk, expertisearea_id=area.pk)
        for a in made
        for area in rng.sample(areas, 2)
    )
    if phase in ("review", "decision", "closed"):
        review_all(call, rng)


def review_all(call, rng) -> None:
    """Conflicts, the real assignment, then reviews by reviewers of varying strictness."""
    refresh_conflicts(call=call)
    run = AssignmentRun.objects.create(call=call)
    run_job(AssignmentRun, run.pk, compute_assignment)
    criteria = list(call.criteria.all())
    weights = {str(c.pk): c.weight for c in criteria}
    offsets = {}
    merit = {}
    reviews = []
    now = timezone.now()
    for assignment in Assignment.objects.filter(call=call).order_by("pk"):
        strictness = offsets.setdefault(assignment.reviewer_id, rng.gauss(0, 0.6))
        quality = merit.setdefault(assignment.application_id, rng.gauss(3.2, 0.8))
        scores = {
            str(c.pk): min(
                call.score_max, max(call.score_min, round(quality + strictness + rng.gauss(0, 0.5)))
            )
            for c in criteria
        }
        reviews.append(
            Review(
                assignment=assignment,
                scores=scores,
                confidence=rng.randint(2, 5),
                comment_to_applicant="A clear plan; the evaluation could be stronger.",
                status=Review.Status.SUBMITTED,
                total=weighted_total(scores, weights),
                submitted_at=now,
            )
        )
    Review.objects.bulk_create(reviews)
    if call.phase() == "closed":
        decide_all(call, merit)


def decide_all(call, merit) -> None:
    ranked = sorted(merit, key=merit.get, reverse=True)
    accepted = set(ranked[: max(1, len(ranked) // 8)])
    waitlisted = set(ranked[len(accepted) : len(accepted) * 2])
    now = timezone.now()
    for status, chosen in (("accepted", accepted), ("waitlisted", waitlisted)):
        call.applications.filter(pk__in=chosen).update(status=status, decided_at=now)
    call.applications.filter(status="under_review").update(status="rejected", decided_at=now)


def load_cohorts() -> int:
    made = 0
    for call in Call.objects.filter(
        kind__in=(Call.Kind.FELLOWSHIP, Call.Kind.SCHOOL), cohorts__isnull=True
    ):
        accepted = list(call.applications.filter(status="accepted", person__isnull=False)[:40])
        if not accepted:
            continue
        start = call.decisions_at.date() + 30 * DAY
        cohort = Cohort.objects.create(
            program=call.program,
            call=call,
            name_en=f"{call.title_en} cohort",
            name_ko=f"{call.title_ko} 기수",
            start=start - 400 * DAY,
            end=start - 40 * DAY,
        )
        CohortMember.objects.bulk_create(
            CohortMember(
                cohort=cohort,
                person_id=a.person_id,
                application=a,
                role="participant",
                completed=True,
            )
            for a in accepted
        )
        mentor = Person.objects.filter(user__username="researcher").first()
        if mentor is not None and not cohort.members.filter(person=mentor).exists():
            CohortMember.objects.create(cohort=cohort, person=mentor, role="mentor")
        CohortSession.objects.create(
            cohort=cohort,
            title_en="Opening workshop",
            title_ko="개강 워크숍",
            starts_at=timezone.now() - 380 * DAY,
        )
        made += 1
    return made
