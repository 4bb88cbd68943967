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
