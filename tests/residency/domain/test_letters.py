"""The invitation letter: a bilingual PDF (both of the visitor's names, the host's, Korean text
drawn), under 1 MB with the fonts subset, and a code staff check."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from factories import make_institution, make_person
from nairl.residency.domain.letters import find_letter, issue_letter
from nairl.residency.domain.stays import change_status

from ..helpers import make_stay

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def stay():
    return make_stay(
        make_person("Claire Dubois", "클레어 뒤부아", country="FR"),
        make_person("Kim Minjun", "김민준"),
        home_institution=make_institution("Inria", "프랑스 국립디지털과학기술연구소", country="FR"),
        purpose_en="Joint work on data-efficient training",
        purpose_ko="데이터 효율적 학습 공동 연구",
    )


def test_the_letter_is_bilingual_and_names_the_visitor_and_host(stay):
    letter = issue_letter(
        stay=stay, by=None, verify_url="https://hub.example/residency/letters/check/"
    )
    text = text_of(bytes(letter.pdf))
    for expected in (
        "Claire Dubois",
        "클레어 뒤부아",
        "김민준",
        "Kim Minjun",
        "초청장",
        "Letter of invitation",
        "프랑스 국립디지털과학기술연구소",
        "데이터 효율적 학습 공동 연구",
        letter.code,
        f"{stay.start.year}년",
    ):
        assert expected in text, expected
    assert bytes(letter.pdf).startswith(b"%PDF")


def test_the_letter_stays_under_one_megabyte_with_subset_fonts(stay):
    letter = issue_letter(stay=stay, by=None)
    assert len(bytes(letter.pdf)) < 1_000_000
    fonts = set()
    for page in PdfReader(io.BytesIO(bytes(letter.pdf))).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # A subset font's name has a six-letter tag: ABCDEF+NotoSansCJKkr-Regular.
    assert fonts and all("+" in name for name in fonts), fonts


def test_staff_check_the_code_in_any_case_and_see_replaced_letters(stay):
    first = issue_letter(stay=stay, by=None)
    typed = first.code.lower().replace("-", " ")
    assert find_letter(typed) == first
    second = issue_letter(stay=stay, by=None)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert first.code != second.code
    assert find_letter("NOPE-NOPE-NOPE") is None
    assert stay.checklist.get(kind="invitation_letter").state == "done"


def test_a_proposed_or_cancelled_stay_gets_no_letter():
    stay = make_stay(status="proposed")
    with pytest.raises(ValidationError):
        issue_letter(stay=stay, by=None)
    change_status(stay=stay, to="cancelled", by=None)
    with pytest.raises(ValidationError):
        issue_letter(stay=stay, by=None)
    assert not stay.letters.exists()
