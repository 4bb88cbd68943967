"""Translations in the scaling workbench: job lists name laws, messages are whole sentences,
and the catalogs compile with gettext's checks."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from factories import make_user
from nairl.common.roles import Role
from nairl.scaling.core.errors import ScalingInputError
from nairl.scaling.domain.runs import runs_for_core
from nairl.scaling.models import Comparison, Fit, Run

from .helpers import make_study

LOCALE = Path(__file__).resolve().parents[2] / "src" / "nairl" / "locale"


@pytest.mark.django_db
def test_job_lists_show_the_law_by_its_name_in_the_readers_language(client_for):
    owner = make_user("owner", Role.RESEARCHER)
    study = make_study(owner, is_public=True)
    Fit.objects.create(study=study, law="power", created_by=owner)
    Comparison.objects.create(study=study, law="data_constrained", method_group="method")
    for url in (study.get_absolute_url(), "/scaling/fits/", "/scaling/comparisons/"):
        text = client_for(owner).get(url).content.decode()
        assert "<td>power</td>" not in text and "<td>data_constrained</td>" not in text
    assert (
        "<td>Power law: L = E + A/x^α</td>"
        in client_for(owner).get(study.get_absolute_url()).content.decode()
    )
    korean = client_for(make_user("reader", language="ko"))
    assert "<td>거듭제곱 법칙: L = E + A/x^α</td>" in korean.get("/scaling/fits/").content.decode()
    assert (
        "<td>데이터 제약(반복 데이터)</td>" in korean.get("/scaling/comparisons/").content.decode()
    )


@pytest.mark.django_db
def test_no_runs_to_fit_is_one_sentence_in_each_language():
    none = Run.objects.none()
    with pytest.raises(ScalingInputError, match="^There are no runs to fit in group “m”.$"):
        runs_for_core(none, group="m")
    with pytest.raises(ScalingInputError, match=r"^There are no runs to fit\.$"):
        runs_for_core(none)
    with translation.override("ko"), pytest.raises(ScalingInputError) as refusal:
        runs_for_core(none, group="m")
    assert str(refusal.value) == "“m” 그룹에는 적합할 학습 실행이 없습니다."


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
@pytest.mark.parametrize("language", ["ko", "en"])
def test_catalog_passes_msgfmt_check(language, tmp_path):
    catalog = LOCALE / language / "LC_MESSAGES" / "django.po"
    checked = subprocess.run(
        ["msgfmt", "-c", "-o", str(tmp_path / "django.mo"), str(catalog)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    text = catalog.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    # "95%" in Python source is not a format directive: marked so in the source for xgettext
    for entry in re.findall(r'((?:#.*\n)+)msgid "[^"]*95% interval', text):
        assert "no-python-format" in entry


def test_korean_catalog_translates_everything():
    text = (LOCALE / "ko" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # after the header
    empty = [
        entry
        for entry in entries
        if re.search(r'\nmsgstr ""\Z', entry.rstrip()) and not entry.startswith("#~")
    ]
    assert not empty, empty[:3]


@pytest.mark.parametrize(
    "flag, korean",
    [
        (
            "pruned-subset: power: parameter e_inf is at its bound",
            "pruned-subset: 거듭제곱 법칙(M2): 매개변수 e_inf 값이 허용 범위의 경계에 닿았습니다",
        ),
        (
            "3 of 40 bootstrap refits did not converge; intervals use the others",
            "부트스트랩 재적합 40회 중 3회가 수렴하지 않았습니다. 구간은 나머지로 계산했습니다",
        ),
        (
            "broken: optimiser did not converge: max iterations",
            "꺾인 거듭제곱 법칙: 최적화가 수렴하지 않았습니다 (max iterations)",
        ),
        (
            "12 method runs, fewer than 15 (3 per parameter)",
            "방법 실행이 12개로 15개(매개변수당 3개)보다 적습니다",
        ),
        (
            "the method runs' model sizes at equal compute span less than a factor of 4",
            "같은 연산량에서 방법 실행의 모델 크기 범위가 4배보다 좁습니다",
        ),
        ("a warning the core adds later", "a warning the core adds later"),
    ],
)
def test_fit_warnings_are_shown_in_the_readers_language(flag, korean):
    from nairl.scaling.domain.flags import readable_flag

    with translation.override("ko"):
        assert readable_flag(flag).startswith(korean)


def test_every_warning_the_core_writes_has_a_translation():
    """The core's warning sentences (found in its source) each match a translated pattern."""
    from nairl.scaling.domain.flags import WARNINGS

    core = Path(__file__).resolve().parents[2] / "src" / "nairl" / "scaling" / "core"
    written = [
        "".join(re.findall(r'f?"([^"]*)"', call))
        for source in core.glob("*.py")
        for call in re.findall(r"flags\.append\((.*?)\)\n", source.read_text(), re.S)
    ]
    assert written, "no warnings found in the core: has the way it writes them changed?"
    for sentence in written:
        example = re.sub(r"\{[^}]*\}", "7", sentence)
        assert any(pattern.fullmatch(example) for pattern, _message in WARNINGS), sentence
