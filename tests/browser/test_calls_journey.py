"""The calls journey in a real browser, in Korean: open call → apply with an attachment →
automatic assignment → review → ranking → decision → the applicant sees it."""

import pytest
from django.utils import translation

from calls.helpers import make_call
from factories import PASSWORD, make_person, make_user
from nairl.calls.models import Application, CallReviewer, Question
from nairl.common.roles import Role

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ko(text: str) -> str:
    with translation.override("ko"):
        return translation.gettext(text)


@pytest.fixture(autouse=True)
def private_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_apply_review_rank_decide_in_korean(page_for, tmp_path):
    call = make_call(
        title_ko="방문 연구 공모",
        title_en="Visiting call",
        reviews_per_application=1,
        min_expertise=0,
        release_reviews=True,
    )
    applicant = make_user("jiwoo", Role.RESEARCHER, language="ko")
    make_person("Jiwoo Shin", "신지우", user=applicant)
    make_user("boss", Role.PROGRAM_DIRECTOR, language="ko")
    reviewer = make_user("judge", Role.REVIEWER, language="ko")
    CallReviewer.objects.create(call=call, reviewer=reviewer)
    plan = call.questions.get(kind=Question.Kind.LONG_TEXT)
    cv = call.questions.get(kind=Question.Kind.FILE)

    page = page_for(locale="ko-KR")
    sign_in(page, "jiwoo", PASSWORD)
    page.goto(call.get_absolute_url())
    page.get_by_role("link", name=ko("Apply")).click()
    page.get_by_role("button", name=ko("Start my application")).click()
    page.fill("#id_title", "로봇 강화학습 연구")
    page.fill(f"#id_{plan.field_name}", "정교한 조작을 위한 강화학습을 연구합니다.")
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.set_input_files(f"#id_{cv.field_name}", str(pdf))
    page.locator("button[value=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".status").inner_text() == ko("Submitted")
    application = Application.objects.get(applicant=applicant)
    assert application.attachments.count() == 1

    boss = page_for(locale="ko-KR")
    sign_in(boss, "boss", PASSWORD)
    boss.goto(f"/calls/{call.pk}/assignments/")
    boss.get_by_role("button", name=ko("Assign automatically")).click()
    boss.wait_for_load_state()
    assert boss.get_by_text(ko("Automatic assignment started.")).is_visible()
    assert boss.locator("table tbody tr").first.inner_text().startswith(application.code)

    judge = page_for(locale="ko-KR")
    sign_in(judge, "judge", PASSWORD)
    judge.goto("/calls/reviews/")
    judge.get_by_role("link", name=application.code).click()
    assert "신지우" not in judge.content() and "jiwoo" not in judge.content()
    for criterion in call.criteria.all():
        judge.select_option(f"#id_c{criterion.pk}", "4")
    judge.fill("#id_comment_to_applicant", "명확한 계획입니다.")
    judge.get_by_role("button", name=ko("Submit the review")).click()
    judge.wait_for_load_state()
    assert judge.get_by_text(ko("Review submitted. Thank you.")).is_visible()

    boss.goto(f"/calls/{call.pk}/ranking/")
    row = boss.locator("tbody tr").first
    assert "4" in row.inner_text()
    row.locator("input[type=checkbox]").check()
    boss.select_option("#id_status", "accepted")
    boss.get_by_role("button", name=ko("Record the decision for the ticked applications")).click()
    boss.wait_for_load_state()

    page.goto(application.get_absolute_url())
    assert page.locator(".status").inner_text() == ko("Accepted")
    assert page.get_by_text("명확한 계획입니다.").is_visible()
