"""The scaling-law workbench in a real browser: a researcher makes a study, uploads runs, fits
the Chinchilla law and reads the result in English and in Korean; a file with a bad row is
refused whole, with the row and column on the page.

Runs come from Hoffmann et al.'s rounded law with fixed-seed noise; the fit runs on commit
(the inline task backend), so the page it redirects to already shows the result."""

import re

import numpy as np
import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from playwright.sync_api import expect

from factories import PASSWORD, make_user
from nairl.common.roles import Role
from nairl.scaling.models import Fit, Run, Study

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHINCHILLA = {"A": 406.4, "B": 410.7, "E": 1.69, "alpha": 0.34, "beta": 0.28}
SIZES = (2e7, 6e7, 2e8, 6e8)
TOKENS_PER_PARAM = (5, 10, 20, 40)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
ALLOCATION_LINE = "Under this law the best model size grows as N_opt ∝ C^%(exponent)s."


def korean(text: str) -> str:
    """``text`` in Korean, as a template's {% translate %} (whose msgid has % as %%) or, for
    text with %(name)s placeholders, {% blocktranslate %} shows it."""
    with translation.override("ko"):
        if "%(" in text:
            translated = translation.gettext(text)
        else:
            translated = translation.gettext(text.replace("%", "%%")).replace("%%", "%")
    assert translated != text, f"no Korean translation for {text!r} (run `make messages`)"
    return translated


def runs_csv(seed: int = 3, noise: float = 0.003) -> str:
    """16 baseline runs (N, D and loss; C is derived) from the Chinchilla law."""
    rng = np.random.default_rng(seed)
    lines = ["group,n,d,loss"]
    for n in SIZES:
        for ratio in TOKENS_PER_PARAM:
            d = n * ratio
            loss = (
                CHINCHILLA["E"]
                + CHINCHILLA["A"] / n ** CHINCHILLA["alpha"]
                + CHINCHILLA["B"] / d ** CHINCHILLA["beta"]
            ) * np.exp(rng.normal(0, noise))
            lines.append(f"baseline,{n:g},{d:g},{loss:.6f}")
    return "\n".join(lines) + "\n"


def follow(page, locator, timeout=15_000):
    """Clicks a link or button and waits for the page it leads to."""
    with page.expect_navigation(timeout=timeout):
        locator.click()


def submit(page, timeout=15_000):
    follow(page, page.locator("main form button[type=submit]"), timeout)


def test_a_researcher_uploads_runs_fits_chinchilla_and_reads_it_in_korean(page_for, tmp_path):
    make_user("jiwoo", Role.RESEARCHER)
    csv = tmp_path / "runs.csv"
    csv.write_text(runs_csv(), encoding="utf-8")
    page = page_for()
    sign_in(page, "jiwoo", PASSWORD)

    page.goto("/scaling/new/")
    page.fill("#id_title_en", "Chinchilla replication")
    page.fill("#id_title_ko", "친칠라 재현")
    submit(page)
    study = Study.objects.get(title_en="Chinchilla replication")
    assert page.url.endswith(study.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Chinchilla replication")
    expect(page.get_by_text("Study created. Add its training runs next.")).to_be_visible()

    follow(page, page.get_by_role("link", name="Add runs"))
    page.set_input_files("#id_file", str(csv))
    submit(page)
    expect(page.locator(".report h2")).to_have_text("16 runs added.")
    assert study.runs.count() == 16

    follow(page, page.get_by_role("link", name="Back to the study"))
    expect(page.locator("main table").first.locator("tbody tr td")).to_have_text(["baseline", "16"])
    follow(page, page.get_by_role("link", name="All runs"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(16)
    expect(rows.first.locator("td").first).to_have_text("baseline")
    expect(page.get_by_role("cell", name="2e+07").first).to_be_visible()

    page.go_back()
    follow(page, page.get_by_role("link", name="New fit"))
    page.select_option("#id_law", "chinchilla")
    page.select_option("#id_group", "baseline")
    page.fill("#id_bootstrap", "20")
    submit(page, timeout=120_000)  # the fit runs (inline) before the redirect
    fit = Fit.objects.get(study=study)
    assert fit.status == "done", fit.error
    assert page.url.endswith(fit.get_absolute_url())
    expect(page.locator(".tag.status-done")).to_be_visible()
    params = page.locator("table.params")
    expect(params.locator("caption")).to_have_text("Parameters with 95% bootstrap intervals")
    names = params.locator("tbody th").all_inner_texts()
    assert {"E", "A", "B", "alpha", "beta"} <= set(names)
    expect(params.locator("tbody tr").first.locator("td").nth(1)).not_to_have_text("—")
    figure = page.locator("figure.plot svg").filter(has=page.locator("title")).first
    expect(figure).to_be_visible()
    english_title = figure.locator("title").text_content()
    assert english_title and not HANGUL.search(english_title)
    exponent = floatformat(fit.result["allocation"]["n_exponent"], 3)
    expect(
        page.get_by_text(f"Under this law the best model size grows as N_opt ∝ C^{exponent}.")
    ).to_be_visible()

    follow(page, page.locator("form.language button[value=ko]"))
    assert page.url.endswith(fit.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.locator("table.params caption")).to_have_text(
        korean("Parameters with 95% bootstrap intervals")
    )
    expect(page.get_by_role("heading", name=korean("Extrapolation"))).to_be_visible()
    expect(page.get_by_role("heading", name=korean("Compute-optimal allocation"))).to_be_visible()
    expect(page.locator("h1")).to_contain_text(korean("Fit"))
    expect(page.get_by_text(korean(ALLOCATION_LINE) % {"exponent": exponent})).to_be_visible()
    figure = page.locator("figure.plot svg").filter(has=page.locator("title")).first
    expect(figure).to_be_visible()
    assert HANGUL.search(figure.locator("title").text_content())
    page.screenshot(path="/tmp/nairl-scaling-fit-ko.png", full_page=True)


def test_an_upload_with_a_bad_row_shows_where_and_adds_nothing(page_for, tmp_path):
    owner = make_user("director", Role.PROGRAM_DIRECTOR)
    member = make_user("jiwoo", Role.RESEARCHER)
    study = Study.objects.create(owner=owner, title_en="Shared study", title_ko="공동 연구")
    study.members.add(member)
    lines = runs_csv().splitlines()
    group, n, d, _loss = lines[2].split(",")
    lines[2] = f"{group},{n},{d},-2.5"  # the file's row 3
    csv = tmp_path / "bad.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")

    page = page_for()
    sign_in(page, "jiwoo", PASSWORD)
    page.goto("/scaling/")
    follow(page, page.get_by_role("link", name="Shared study"))
    expect(page.get_by_text("No runs yet.")).to_be_visible()
    follow(page, page.get_by_role("link", name="Add runs"))
    page.set_input_files("#id_file", str(csv))
    submit(page)
    report = page.locator(".report")
    expect(report.locator("h2")).to_have_text("1 problem found; no runs were added.")
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report.locator("tbody tr td")).to_have_text(
        ["3", "loss", "Must be a positive number (got -2.5)."]
    )
    assert not Run.objects.exists()
    page.screenshot(path="/tmp/nairl-scaling-upload-error.png", full_page=True)
    page.goto(study.get_absolute_url())
    expect(page.get_by_text("No runs yet.")).to_be_visible()
