"""Demo data for the seminars: series run with partner institutions, talks over two years (one
past, one to come) by speakers from partner institutions abroad, and their registrations.

Talk n of a series is generated from a seed of the series' code and n alone, so loading is
repeatable, and `--scale national` after `small` adds talks on top. Talks and registrations are
written with bulk_create (no per-row audit entries); registrants use addresses at the reserved
demo domain. At national scale: 8 series, 2,000 talks, about 50,000 registrations.
"""

import datetime
import random
import uuid
import zoneinfo

from django.db import transaction
from django.db.models import Q

from nairl.people.models import ExpertiseArea, Institution, Person

from .models import Registration, Series, Talk
from .models.registrations import new_salt

DEMO_DOMAIN = "demo.nairl.example"
TALKS_PER_SERIES = {"small": 10, "national": 250}
REGISTRATIONS_PER_TALK = {"small": 8, "national": 25}
BATCH = 2000
W = Series.Weekday

# code, English and Korean titles, zone, weekday, time, partners (English names), keywords
SERIES = [
    (
        "global-ai-seminar",
        "NAIRL Global AI Seminar",
        "NAIRL 글로벌 AI 세미나",
        "Asia/Seoul",
        W.THURSDAY,
        datetime.time(22),
        ["Mila", "Vector Institute", "Inria"],
        ["cs.LG", "cs.AI"],
    ),
    (
        "beyond-scaling-seminar",
        "Beyond Scaling Laws Seminar",
        "스케일링 법칙 너머 세미나",
        "Asia/Seoul",
        W.TUESDAY,
        datetime.time(10),
        ["Stanford University", "RIKEN"],
        ["cs.LG", "cs.CL"],
    ),
    (
        "robot-foundation-models",
        "Robot Foundation Models Seminar",
        "로봇 파운데이션 모델 세미나",
        "Asia/Seoul",
        W.WEDNESDAY,
        datetime.time(17),
        ["University of Toronto", "Inria"],
        ["cs.RO", "cs.CV"],
    ),
    (
        "seoul-montreal-colloquium",
        "Seoul–Montréal AI Colloquium",
        "서울–몬트리올 AI 콜로키엄",
        "America/Toronto",
        W.MONDAY,
        datetime.time(8),
        ["Mila", "IVADO"],
        ["cs.LG"],
    ),
    (
        "paris-seoul-ml",
        "Paris–Seoul Machine Learning Seminar",
        "파리–서울 기계학습 세미나",
        "Europe/Paris",
        W.FRIDAY,
        datetime.time(10),
        ["Inria"],
        ["cs.LG", "stat.ML"],
    ),
    (
        "abu-dhabi-seoul-lectures",
        "Abu Dhabi–Seoul Lectures",
        "아부다비–서울 강연",
        "Asia/Dubai",
        W.TUESDAY,
        datetime.time(14),
        ["Mohamed bin Zayed University of Artificial Intelligence"],
        ["cs.AI", "cs.CL"],
    ),
    (
        "trustworthy-ai-reading",
        "Trustworthy AI Reading Group",
        "신뢰할 수 있는 AI 읽기 모임",
        "Asia/Seoul",
        W.MONDAY,
        datetime.time(16),
        ["KAIST", "Seoul National University"],
        ["cs.AI", "cs.CY"],
    ),
    (
        "ai-leaders-lecture",
        "AI Leaders Lecture",
        "AI 리더 강연",
        "Asia/Seoul",
        W.FRIDAY,
        datetime.time(15),
        ["University of Waterloo", "Stanford University"],
        ["cs.AI"],
    ),
]
SMALL_SERIES = 4
TOPICS = [
    ("data-efficient pretraining", "데이터 효율적 사전학습"),
    ("compute-optimal training", "계산 최적 학습"),
    ("mixture-of-experts models", "전문가 혼합 모델"),
    ("robot manipulation from video", "영상으로 배우는 로봇 조작"),
    ("vision-language-action models", "시각-언어-행동 모델"),
    ("reinforcement learning from feedback", "피드백 기반 강화학습"),
    ("evaluation of language models", "언어 모델 평가"),
    ("uncertainty in deep learning", "딥러닝의 불확실성"),
    ("multilingual language models", "다국어 언어 모델"),
    ("sim-to-real transfer", "시뮬레이션에서 실제로의 전이"),
    ("efficient inference", "효율적 추론"),
    ("scaling laws beyond power laws", "거듭제곱 법칙을 넘는 스케일링 법칙"),
]
FORMS = [
    ("Recent advances in {en}", "{ko}의 최근 발전"),
    ("What we learned about {en}", "{ko}에서 배운 것"),
    ("Rethinking {en}", "{ko} 다시 생각하기"),
    ("Open problems in {en}", "{ko}의 열린 문제"),
]
GUESTS = ["Léa Moreau", "Omar Al Hammadi", "Emily Tremblay", "Hiroshi Tanaka", "Sara Haddad"]


def load(scale: str, stdout) -> None:
    count = SMALL_SERIES if scale == "small" else len(SERIES)
    with transaction.atomic():
        series = [ensure_series(row) for row in SERIES[:count]]
        speakers = foreign_speakers()
        areas = dict(ExpertiseArea.objects.values_list("code", "id"))
        added_talks = added_registrations = 0
        for index, item in enumerate(series):
            talks, registrations = load_talks(item, SERIES[index], scale, speakers, areas)
            added_talks += talks
            added_registrations += registrations
        link_demo_logins(series)
    stdout.write(
        f"seminars: {added_talks} talk(s) and {added_registrations} registration(s) added; "
        f"{Talk.objects.count()} talks in {Series.objects.count()} series, "
        f"{Registration.objects.count()} registrations"
    )


def ensure_series(row) -> Series:
    code, title_en, title_ko, zone, weekday, at, partners, _keywords = row
    series = Series.objects.filter(code=code).first()
    if series is not None:
        return series
    series = Series.objects.create(
        code=code,
        title_en=title_en,
        title_ko=title_ko,
        description_en="A regular seminar of the national AI research lab with "
        + ", ".join(partners)
        + ".",
        description_ko="국가 AI 연구소가 협력 기관과 함께 여는 정기 세미나입니다.",
        cadence=Series.Cadence.WEEKLY,
        weekday=weekday,
        usual_time=at,
        time_zone=zone,
        default_room="NAIRL Hub, Seminar Room 1" if zone == "Asia/Seoul" else "",
        default_online_link=f"https://{DEMO_DOMAIN}/meet/{code}",
        default_capacity=40,
    )
    series.partners.set(Institution.objects.filter(name_en__in=partners))
    return series


def foreign_speakers() -> list[int]:
    """People currently at a partner institution abroad (the demo's speakers)."""
    abroad = Person.objects.filter(
        Q(affiliations__end__isnull=True),
        ~Q(affiliations__institution__country="KR"),
        affiliations__institution__ror_id__isnull=False,
        is_public=True,
    )
    return list(abroad.order_by("id").values_list("id", flat=True).distinct()[:400])


def load_talks(series: Series, row, scale: str, speakers, areas) -> tuple[int, int]:
    target = TALKS_PER_SERIES[scale]
    have = series.talks.count()
    if have >= target:
        return 0, 0
    keywords = [areas[code] for code in row[7] if code in areas]
    tz = zoneinfo.ZoneInfo(series.time_zone)
    today = datetime.date.today()
    first_day = today - datetime.timedelta(days=365)
    spacing = 730 / target  # two years: one past, one to come
    talks, links = [], []
    for number in range(have, target):
        rng = random.Random(f"{series.code}-{number}")
        day = first_day + datetime.timedelta(days=int(number * spacing))
        start = datetime.datetime.combine(day, series.usual_time, tzinfo=tz)
        topic_en, topic_ko = rng.choice(TOPICS)
        form_en, form_ko = rng.choice(FORMS)
        speaker = rng.choice(speakers) if speakers and rng.random() < 0.85 else None
        past = day < today
        talks.append(
            Talk(
                series=series,
                speaker_id=speaker,
                guest_name="" if speaker else rng.choice(GUESTS),
                guest_affiliation="" if speaker else "Partner university",
                title_en=form_en.format(en=topic_en).capitalize(),
                title_ko=form_ko.format(ko=topic_ko) if rng.random() < 0.8 else "",
                abstract_en=f"The talk surveys {topic_en} and the questions it leaves open.",
                abstract_ko=f"{topic_ko}의 현황과 남은 질문을 살펴봅니다."
                if rng.random() < 0.6
                else "",
                start=start,
                end=start + datetime.timedelta(minutes=series.duration_minutes),
                time_zone=series.time_zone,
                room=series.default_room,
                online_link=series.default_online_link,
                capacity=series.default_capacity,
                status=Talk.Status.CANCELLED if rng.random() < 0.02 else Talk.Status.SCHEDULED,
                slides_url=f"https://{DEMO_DOMAIN}/slides/{series.code}-{number}.pdf"
                if past
                else "",
                recording_url=f"https://{DEMO_DOMAIN}/video/{series.code}-{number}"
                if past and rng.random() < 0.5
                else "",
                uid=uuid.UUID(int=random.Random(f"uid-{series.code}-{number}").getrandbits(128)),
            )
        )
    Talk.objects.bulk_create(talks, batch_size=BATCH)
    for talk in talks:
        links += [Talk.keywords.through(talk_id=talk.pk, expertisearea_id=k) for k in keywords]
    Talk.keywords.through.objects.bulk_create(links, batch_size=BATCH)
    return len(talks), load_registrations(series, talks, REGISTRATIONS_PER_TALK[scale])


def load_registrations(series: Series, talks, per_talk: int) -> int:
    rows = []
    for talk in talks:
        rng = random.Random(f"registrations-{talk.uid}")
        count = rng.randint(per_talk // 2, per_talk * 3 // 2)
        for position in range(count):
            seated = talk.capacity is None or position < talk.capacity
            queued = talk.start - datetime.timedelta(days=14, minutes=-position * 37)
            language = "ko" if rng.random() < 0.55 else "en"
            rows.append(
                Registration(
                    talk=talk,
                    name=f"Participant {talk.pk}-{position}",
                    email=f"participant.{talk.pk}.{position}@{DEMO_DOMAIN}",
                    language=language,
                    status=Registration.Status.SEATED if seated else Registration.Status.WAITLISTED,
                    queued_at=queued,
                    checked_in_at=talk.start
                    if seated
                    and talk.end < datetime.datetime.now(datetime.UTC)
                    and rng.random() < 0.7
                    else None,
                    token_salt=new_salt(),
                )
            )
    Registration.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def link_demo_logins(series) -> None:
    """The `researcher` login gives one talk and registered for two; `staff` organises the
    first series (through their directory profile, when they have one)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="researcher").first()
    person = getattr(user, "person", None) if user else None
    if person is None or Registration.objects.filter(user=user).exists():
        return
    upcoming = list(
        Talk.objects.filter(series__in=series, start__gt=datetime.datetime.now(datetime.UTC))
        .exclude(status=Talk.Status.CANCELLED)
        .order_by("start")[:3]
    )
    if not upcoming:
        return
    first, *others = upcoming
    Talk.objects.filter(pk=first.pk).update(speaker=person, guest_name="", guest_affiliation="")
    for talk in others:
        Registration.objects.create(
            talk=talk,
            user=user,
            name=str(person.name),
            email=user.email,
            language=user.language,
            status=Registration.Status.SEATED,
            queued_at=datetime.datetime.now(datetime.UTC),
        )
