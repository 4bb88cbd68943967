"""The lab's two flagship programs: seeded by a migration, and put back by whoever needs them
(the demo, the tests) where a flush has emptied the table."""

FLAGSHIPS = [
    {
        "code": "beyond-scaling",
        "title_en": "Beyond neural scaling laws",
        "title_ko": "신경망 스케일링 법칙을 넘어서",
        "description_en": (
            "New training methods and models whose performance and efficiency beat the cost "
            "curve that scaling laws predict for training and serving AI models."
        ),
        "description_ko": (
            "스케일링 법칙이 예측하는 AI 모델 학습·서빙 비용 곡선보다 더 높은 성능과 효율을 내는 "
            "새로운 학습 방법과 모델을 연구합니다."
        ),
    },
    {
        "code": "robot-fm",
        "title_en": "Robot foundation models",
        "title_ko": "로봇 파운데이션 모델",
        "description_en": (
            "One integrated model that improves the core components of robot autonomy: "
            "perception, decision-making and control."
        ),
        "description_ko": (
            "로봇 자율성의 핵심 요소인 인지, 의사결정, 제어를 함께 향상하는 하나의 통합 모델을 "
            "연구합니다."
        ),
    },
]


def ensure_flagship_programs():
    """The flagship programs, created or brought up to date; returns them by code."""
    from .models import Program

    return {
        flagship["code"]: Program.objects.update_or_create(
            code=flagship["code"], defaults={**flagship, "is_flagship": True}
        )[0]
        for flagship in FLAGSHIPS
    }


def link_to_flagship_project(rows, code: str, stdout, what: str) -> None:
    """Demo data: links the rows (a queryset of objects with a `project`) not yet linked to the
    first public project of the flagship program `code`."""
    from .models import Project

    project = Project.objects.filter(program__code=code, is_public=True).order_by("id").first()
    if project is None:
        stdout.write(f"{what}: no public {code} project to link to")
        return
    linked = rows.filter(project=None).update(project=project)
    stdout.write(f"{what}: {linked} linked to project #{project.pk}")
