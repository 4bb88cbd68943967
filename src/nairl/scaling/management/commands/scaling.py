"""`nairl scaling ...`: the research core's command line, plus commands on stored jobs.

Every subcommand except the hub's own is handed, untouched, to the core CLI
(`nairl.scaling.cli.main(argv)`), so `nairl scaling fit runs.csv --law chinchilla --json` prints
exactly what the core prints and exits with its status (2 and a one-line error for bad input).
The hub adds `run-fit ID` and `run-comparison ID`, which run a stored job now, in this process.
"""

import sys
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError

HUB_COMMANDS = {"run-fit": "fit", "run-comparison": "comparison"}


def core_cli():
    try:
        return import_module("nairl.scaling.cli")
    except ModuleNotFoundError as error:
        if error.name != "nairl.scaling.cli":
            raise
        raise CommandError(
            "the scaling core's command line (nairl.scaling.cli) is not installed", returncode=2
        ) from error


class Command(BaseCommand):
    help = (
        "Scaling laws: the core's command line (fit, predict, allocate, compare, ...; see "
        "`nairl scaling --help`) and hub jobs (`run-fit ID`, `run-comparison ID`)."
    )
    requires_system_checks = []

    def run_from_argv(self, argv):
        if len(argv) > 2 and argv[2] in HUB_COMMANDS:
            return super().run_from_argv(argv)
        cli = core_cli()
        try:
            code = cli.main(argv[2:])
        except SystemExit as exit_:  # argparse's usage errors and --help
            code = exit_.code
        sys.stdout.flush()
        if len(argv) > 2 and argv[2] in ("-h", "--help"):
            sys.stdout.write(
                "\nhub commands:\n  run-fit ID         run a stored fit now\n"
                "  run-comparison ID  run a stored comparison now\n"
            )
        sys.exit(code or 0)

    def add_arguments(self, parser):
        parser.add_argument("command", choices=sorted(HUB_COMMANDS))
        parser.add_argument("job_id", type=int)

    def handle(self, *args, command, job_id, **options):
        from nairl.scaling.domain.jobs import execute_comparison, execute_fit
        from nairl.scaling.models import Comparison, Fit

        model, execute = {
            "run-fit": (Fit, execute_fit),
            "run-comparison": (Comparison, execute_comparison),
        }[command]
        job = model.objects.filter(pk=job_id).only("status").first()
        if job is None:
            raise CommandError(f"no {HUB_COMMANDS[command]} {job_id}", returncode=2)
        if job.is_finished:
            raise CommandError(
                f"{HUB_COMMANDS[command]} {job_id} is already {job.status}", returncode=2
            )
        if job.status == job.Status.RUNNING:
            model.objects.filter(pk=job_id).update(status=job.Status.QUEUED)
        status = execute(job_id)
        job.refresh_from_db(fields=["status", "error"])
        if status == job.Status.FAILED:
            raise CommandError(
                f"{HUB_COMMANDS[command]} {job_id} failed: {job.error}", returncode=1
            )
        self.stdout.write(f"{HUB_COMMANDS[command]} {job_id}: {status}")
