"""Starting a fit and watching it finish in a real browser: the form says the fit is queued (the
database queue, as `make run` has it), the fit's page moves its progress bar as the job reports
progress without being reloaded by hand, and shows the result by itself once the hub's worker
has run the fit."""

import threading

import pytest
from playwright.sync_api import expect

from factories import PASSWORD, make_user
from nairl.common.jobs import report_progress
from nairl.common.roles import Role
from nairl.common.worker import work
from nairl.scaling.models import Fit
from scaling.helpers import chinchilla_runs, make_study

from .conftest import sign_in
from .test_scaling_journey import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_researcher_starts_a_fit_and_watches_the_bar_reach_done(page_for, settings):
    settings.TASK_BACKEND = "database"
    study = make_study(make_user("minji", Role.RESEARCHER), title_en="Watched fit")
    chinchilla_runs(study)
    page = page_for()
    sign_in(page, "minji", PASSWORD)

    page.goto(f"/scaling/{study.pk}/fits/new/")
    page.select_option("#id_law", "chinchilla")
    page.select_option("#id_group", "baseline")
    page.fill("#id_bootstrap", "20")
    submit(page)
    fit = Fit.objects.get(study=study)
    assert page.url.endswith(fit.get_absolute_url())
    expect(page.get_by_text("Queued: the fit will start when a worker is free.")).to_be_visible()
    bar = page.locator(".job-progress progress")
    assert bar.evaluate("element => element.position") == -1  # queued: an indeterminate bar
    expect(page.get_by_role("link", name="Refresh")).to_have_attribute(
        "href", fit.get_absolute_url()
    )

    report_progress(fit, 1, 3, "Refitting on bootstrap resamples for the intervals")
    expect(bar).to_have_attribute("value", "1")  # moved by the page's script, not a reload
    expect(bar).to_have_attribute("max", "3")
    expect(page.get_by_text("Refitting on bootstrap resamples for the intervals")).to_be_visible()

    assert work(stop=threading.Event(), once=True) == 1  # the hub's worker runs the fit
    fit.refresh_from_db()
    assert fit.status == "done", fit.error
    expect(page.locator(".tag.status-done")).to_be_visible(timeout=30_000)
    expect(page.locator("table.params caption")).to_have_text(
        "Parameters with 95% bootstrap intervals"
    )
    expect(page.locator(".job-progress")).to_have_count(0)
    assert page.url.endswith(fit.get_absolute_url())
