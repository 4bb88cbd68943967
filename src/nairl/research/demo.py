"""Demo data for joint research: projects of the flagship programs with members from the
directory (teams across countries), and their outputs with author lists, a few of them recorded
twice (for the duplicates page).

Everything is generated from a seed of the project's or output's number alone, so loading is
repeatable and `--scale national` after `small` tops up. Rows are written with bulk_create (no
per-row audit entries), and the co-authorship rule runs once over the new outputs. At national
scale: 200 projects, 100,000 outputs, about 400,000 author rows.
"""

import datetime
import random

from django.db import transaction

from nairl.common.planner import refresh_statistics
from nairl.people.models import Affiliation

from .credit import CreditRole
from .domain.coauthorship import refresh_coauthorship
from .domain.outputs import search_text
from .domain.program_figures import refresh_all_program_figures
from .flagships import ensure_flagship_programs
from .models import Membership, Milestone, Output, OutputAuthor, Project
from .titles import title_key

SIZES = {"small": (6, 10), "national": (200, 500), "large": (200, 500)}  # projects, outputs each
PREFIX = "NAIRL joint project"
BATCH = 2000
DUPLICATE_EVERY = 400  # one output in this many is a second record of an earlier one
TOPICS_EN = [
    "scaling laws",
    "data-efficient pretraining",
    "robot manipulation",
    "world models",
    "in-context learning",
    "sparse mixtures of experts",
    "vision-language-action models",
    "reinforcement learning from feedback",
    "Korean language models",
    "sim-to-real transfer",
]
TOPICS_KO = [
    "스케일링 법칙",
    "데이터 효율적 사전학습",
    "로봇 조작",
    "세계 모델",
    "문맥 내 학습",
    "희소 전문가 혼합",
    "시각-언어-행동 모델",
    "피드백 기반 강화학습",
    "한국어 언어 모델",
    "시뮬레이션-실제 전이",
]
PATTERNS = ["On {}", "Revisiting {}", "{} at scale", "Towards robust {}", "A study of {}"]
VENUES = ["NeurIPS", "ICML", "ICLR", "CoRL", "ACL", "한국정보과학회 논문지", "RSS", "TMLR"]
KINDS = [
    (Output.Kind.PAPER, 60),
    (Output.Kind.PREPRINT, 25),
    (Output.Kind.CODE, 7),
    (Output.Kind.DATASET, 4),
    (Output.Kind.MODEL, 3),
    (Output.Kind.PATENT, 1),
]
# The planner needs the counts of projects per program too (else it expects one and loops).
ANALYZED = (Project, Membership, Output, OutputAuthor, Output.projects.through)


def load(scale: str, stdout) -> None:
    project_count, outputs_each = SIZES[scale]
    with transaction.atomic():
        people = directory_people()
        if len(people) < 4:
            stdout.write("research: the directory has too few people; load `people` first")
            return
        projects = load_projects(project_count, people)
        load_milestones(projects)
        added = sum(load_outputs(project, outputs_each, people) for project in projects)
        refresh_all_program_figures()
    if added:
        refresh_statistics(ANALYZED)
    stdout.write(
        f"research: {added} output(s) added; {Project.objects.count()} projects, "
        f"{Output.objects.count()} outputs, "
        f"{Output.objects.filter(is_international=True).count()} international"
    )


def directory_people() -> list[tuple[int, int, str]]:
    """(person, institution, name) of people with an affiliation, in a fixed order."""
    return [
        (person, institution, name_en or name_ko)
        for person, institution, name_en, name_ko in Affiliation.objects.order_by(
            "person_id", "id"
        ).values_list("person_id", "institution_id", "person__name_en", "person__name_ko")[:50000]
    ]


def load_projects(count: int, people) -> list[Project]:
    programs = list(ensure_flagship_programs().values())
    existing = list(Project.objects.filter(title_en__startswith=PREFIX).order_by("id"))
    for number in range(len(existing) + 1, count + 1):
        rng = random.Random(f"project-{number}")
        team = rng.sample(people, k=min(len(people), rng.randint(3, 6)))
        topic = number % len(TOPICS_EN)
        project = Project(
            program=programs[number % len(programs)],
            title_en=f"{PREFIX} {number}: {TOPICS_EN[topic]}",
            title_ko=f"공동 연구 과제 {number}: {TOPICS_KO[topic]}",
            principal_investigator_id=team[0][0],
            start=datetime.date(2022 + number % 3, 1 + number % 12, 1),
            is_public=number % 7 != 0,
        )
        project.save()
        Membership.objects.bulk_create(
            Membership(
                project=project,
                person_id=person,
                institution_id=institution,
                roles=[CreditRole.INVESTIGATION.value],
                start=project.start,
            )
            for person, institution, _name in team
        )
        existing.append(project)
    return existing[:count]


def load_outputs(project: Project, target: int, people) -> int:
    have = project.outputs.count()
    if have >= target:
        return 0
    team = list(
        project.memberships.values_list(
            "person_id", "institution_id", "person__name_en", "person__name_ko"
        )
    )
    team = [(person, institution, en or ko) for person, institution, en, ko in team]
    number = int(project.title_en.removeprefix(PREFIX).split(":")[0])
    rows = [demo_output(number, index, team, people) for index in range(have, target)]
    added = 0
    for start in range(0, len(rows), BATCH):
        added += save_outputs(project, rows[start : start + BATCH])
    return added


def demo_output(project_number: int, index: int, team, people):
    rng = random.Random(f"output-{project_number}-{index}")
    serial = project_number * 1_000_000 + index
    if index % DUPLICATE_EVERY == DUPLICATE_EVERY - 1:
        title = demo_title(project_number, index - 1).upper() + "."
    else:
        title = demo_title(project_number, index)
    kind = rng.choices([k for k, _w in KINDS], weights=[w for _k, w in KINDS])[0]
    output = Output(
        kind=kind,
        title=title,
        title_key=title_key(title),
        venue=rng.choice(VENUES) if kind == Output.Kind.PAPER else "",
        year=rng.randint(2021, 2025),
        doi=f"10.55555/nairl.{serial}" if kind == Output.Kind.PAPER else None,
        arxiv_id=f"{2100 + project_number:04d}.{index:05d}"
        if kind == Output.Kind.PREPRINT
        else None,
        url=f"https://demo.nairl.example/outputs/{serial}"
        if kind in (Output.Kind.CODE, Output.Kind.DATASET, Output.Kind.MODEL)
        else "",
        patent_number=f"KR10{2021 + index % 5}{project_number:03d}{index:04d}"
        if kind == Output.Kind.PATENT
        else "",
        access=rng.choice(list(Output.Access.values)),
    )
    members = rng.sample(team, k=min(len(team), rng.randint(1, 3)))
    outsiders = rng.sample(people, k=rng.randint(0, 2))
    authors = [
        OutputAuthor(name=name, person_id=person, institution_id=institution)
        for person, institution, name in members + outsiders
    ]
    return output, authors


def demo_title(project_number: int, index: int) -> str:
    """Output `index` of a project's title: its own seed, so a duplicate can repeat it."""
    rng = random.Random(f"title-{project_number}-{index}")
    topic = rng.choice(TOPICS_EN if rng.random() < 0.8 else TOPICS_KO)
    return f"{rng.choice(PATTERNS).format(topic)} {project_number}-{index}"


def save_outputs(project: Project, rows) -> int:
    for output, authors in rows:
        output.search_text = search_text(output, authors)
    saved = Output.objects.bulk_create(
        [output for output, _authors in rows], ignore_conflicts=False
    )
    links, authors_rows = [], []
    for output, authors in rows:
        links.append(Output.projects.through(output_id=output.pk, project_id=project.pk))
        for position, author in enumerate(authors, start=1):
            author.output_id, author.position = output.pk, position
            authors_rows.append(author)
    Output.projects.through.objects.bulk_create(links)
    OutputAuthor.objects.bulk_create(authors_rows, batch_size=BATCH)
    refresh_coauthorship([output.pk for output in saved])
    return len(saved)


MILESTONES_KO = ["데이터 준비", "기준 모델 학습", "중간 평가", "논문 제출", "최종 보고"]
MILESTONES_EN = [
    "Data ready",
    "Baseline trained",
    "Mid-term review",
    "Paper submitted",
    "Final report",
]
# Days from today: two done, one overdue, one due within the month, one later.
MILESTONE_OFFSETS = [-120, -60, -10, 20, 150]


def load_milestones(projects: list[Project]) -> int:
    """Five milestones a project (for projects that have none), owned by its members, dated
    around today so that the home's "milestones due" shows some; one bulk_create in all."""
    today = datetime.date.today()
    have = set(Milestone.objects.values_list("project_id", flat=True).distinct())
    teams: dict[int, list[int]] = {}
    for project_id, person_id in Membership.objects.filter(
        project__in=[project.pk for project in projects if project.pk not in have]
    ).values_list("project_id", "person_id"):
        teams.setdefault(project_id, []).append(person_id)
    rows = []
    for project in projects:
        team = teams.get(project.pk)
        if not team:
            continue
        for index, offset in enumerate(MILESTONE_OFFSETS):
            due = max(project.start, today + datetime.timedelta(days=offset))
            rows.append(
                Milestone(
                    project=project,
                    title_ko=MILESTONES_KO[index],
                    title_en=MILESTONES_EN[index],
                    due=due,
                    owner_id=team[index % len(team)],
                    completed_on=due if offset < -30 else None,
                )
            )
    Milestone.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
