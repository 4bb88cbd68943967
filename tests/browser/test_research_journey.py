"""The research journey in a real browser, in Korean: a program director creates a project,
adds a member, imports a .bib file into it (confirming which directory persons its authors
are) and sees the outputs and their international share on the project page."""

import pytest

from factories import PASSWORD, make_institution, make_person, make_user
from nairl.common.roles import Role
from nairl.research.models import Output, Project
from research.helpers import flagship

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIB = r"""
@article{kim2024,
  title = {Sc{\"a}ling laws for robot policies},
  author = {Kim, Min-su and Dupont, Claire},
  journal = {CoRL},
  year = {2024}
}
@misc{lee2025,
  title = {한국어 언어 모델의 스케일링},
  author = {Kim, Min-su},
  year = {2025}
}
"""


def test_create_a_project_add_a_member_import_bibtex_and_see_the_share(page_for, tmp_path):
    make_user("journey-director", Role.PROGRAM_DIRECTOR, language="ko")
    program = flagship()
    kim = make_person("Min-su Kim", institutions=[make_institution("KAIST", country="KR")])
    claire = make_person("Claire Dupont", institutions=[make_institution("Inria", country="FR")])
    page = page_for(locale="ko-KR")
    sign_in(page, "journey-director", PASSWORD)

    page.goto("/research/projects/new/")
    page.select_option("#id_program", str(program.pk))
    page.fill("#id_title_ko", "로봇 스케일링 공동 연구")
    page.fill("#id_title_en", "Robot scaling")
    page.fill("#id_principal_investigator", str(kim.pk))
    page.fill("#id_start", "2024-01-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    project = Project.objects.get(title_en="Robot scaling")
    assert page.locator("h1").inner_text() == "로봇 스케일링 공동 연구"

    page.goto(f"/research/projects/{project.pk}/members/new/")
    page.fill("#id_person", str(claire.pk))
    page.fill("#id_start", "2024-01-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Claire Dupont" in page.locator("main").inner_text()

    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    page.goto("/research/outputs/import/")
    page.set_input_files("#id_file", str(bib))
    page.select_option("#id_projects", str(project.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    # Both names are directory persons': the importer confirms them before anything is saved.
    review = page.locator("section[aria-labelledby=review-heading]")
    assert "Min-su Kim — KAIST (대한민국)" in review.inner_text()
    assert not Output.objects.exists()
    review.get_by_role("button", name="확인하고 가져오기").click()
    page.wait_for_load_state()
    assert "레코드 2건을 가져왔습니다." in page.locator("main").inner_text()
    assert set(Output.objects.values_list("authors__person", flat=True)) == {kim.pk, claire.pk}
    assert Output.objects.filter(projects=project).count() == 2

    page.goto(project.get_absolute_url())
    text = page.locator("main").inner_text()
    assert "Scäling laws for robot policies" in text
    assert "한국어 언어 모델의 스케일링" in text
    assert "국제 공동 저술: 성과 2건 중 1건(50%)." in text
