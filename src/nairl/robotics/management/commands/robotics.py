"""`nairl robotics ...`: the harness's command line, plus commands that work on stored evaluations.

The harness subcommands (`suites`, `eval`, `train-baseline`, `export-dataset`) are the harness
CLI's own (`nairl.robotics.cli`), with its output, its one-line errors and exit status 2.
"""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError

from nairl.robotics import cli

HUB_COMMANDS = ("run-evaluation",)


def subparsers_of(parser) -> argparse._SubParsersAction:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("the harness CLI added no subcommands")


class Command(BaseCommand):
    help = "Robot policy evaluation: the harness command line (suites, eval, ...) and hub tasks."
    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = cli.__doc__.splitlines()[0] if cli.__doc__ else self.help
        return parser

    def add_arguments(self, parser):
        cli.add_subcommands(parser)
        commands = subparsers_of(parser)
        run = commands.add_parser(
            "run-evaluation", help="run a queued evaluation stored in the hub, now, in this process"
        )
        run.add_argument("evaluation_id", type=int)

    def handle(self, *args, **options):
        command = options["command"]
        if command == "run-evaluation":
            return self.run_evaluation(options["evaluation_id"])
        stdout = getattr(self.stdout, "_out", self.stdout)  # the raw stream: output unchanged
        code = cli.run(argparse.Namespace(**options), stdout)
        stdout.flush()
        if code:
            sys.exit(code)

    def run_evaluation(self, evaluation_id):
        from nairl.robotics.domain.evaluations import run_evaluation
        from nairl.robotics.models import Evaluation

        evaluation = Evaluation.objects.filter(pk=evaluation_id).only("status").first()
        if evaluation is None:
            raise CommandError(f"no evaluation {evaluation_id}", returncode=2)
        if evaluation.status != Evaluation.Status.QUEUED:
            raise CommandError(
                f"evaluation {evaluation_id} is {evaluation.status}, not queued", returncode=2
            )
        status = run_evaluation(evaluation_id)
        if status == "skipped":
            raise CommandError(f"evaluation {evaluation_id} was started elsewhere", returncode=2)
        evaluation.refresh_from_db(fields=["error"])
        self.stdout.write(
            f"evaluation {evaluation_id}: {status}"
            + (f" — {evaluation.error}" if evaluation.error else "")
        )
        if status == Evaluation.Status.FAILED:
            sys.exit(1)
