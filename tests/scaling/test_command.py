import importlib.util
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from factories import make_user
from nairl.common.roles import Role
from nairl.scaling.models import Fit, Run

from .helpers import make_study, power_runs

HAS_CORE_CLI = importlib.util.find_spec("nairl.scaling.cli") is not None


@pytest.mark.django_db
def test_run_fit_runs_a_stored_job():
    study = make_study(make_user("owner", Role.RESEARCHER))
    power_runs(study)
    fit = Fit.objects.create(study=study, law="power", bootstrap=0)
    call_command("scaling", "run-fit", str(fit.pk))
    fit.refresh_from_db()
    assert fit.status == "done"
    with pytest.raises(CommandError, match="already done"):
        call_command("scaling", "run-fit", str(fit.pk))
    with pytest.raises(CommandError, match="no comparison 999"):
        call_command("scaling", "run-comparison", "999")


@pytest.mark.django_db
def test_run_fit_reports_a_failure():
    study = make_study(make_user("owner", Role.RESEARCHER))
    Run.objects.create(study=study, c=1e18, loss=3.0)
    fit = Fit.objects.create(study=study, law="power", bootstrap=0)
    with pytest.raises(CommandError, match="needs at least"):
        call_command("scaling", "run-fit", str(fit.pk))


def nairl(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "nairl.cli", "scaling", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(not HAS_CORE_CLI, reason="the core CLI (nairl.scaling.cli) is not there yet")
def test_core_cli_behaves_the_same_through_nairl(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("n,d,loss\n1e7,1e9,-3\n")
    through_hub = nairl("fit", str(bad), "--law", "chinchilla", "--json", cwd=tmp_path)
    direct = subprocess.run(
        [
            sys.executable,
            "-m",
            "nairl.scaling.cli",
            "fit",
            str(bad),
            "--law",
            "chinchilla",
            "--json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert through_hub.returncode == 2 == direct.returncode
    assert through_hub.stdout == direct.stdout
    assert len(through_hub.stderr.strip().splitlines()) == 1
