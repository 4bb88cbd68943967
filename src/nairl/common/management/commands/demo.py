import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nairl.common.management.demo import SCALES, demo_steps, login_lines


class Command(BaseCommand):
    help = (
        "Loads demo data: real partner institutions, invented people, one login per role. "
        "Idempotent; --scale national after small tops the data up."
    )
    # The system checks import every page's view, and with them the research cores (pandas,
    # SciPy, Matplotlib): most of this command's time, for data it does not need. `nairl check`,
    # `runserver` and the test suite run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=SCALES,
            default="small",
            help="small (default, for `make run`), national (20,000 people) or large "
            "(200,000 people, for benchmarks).",
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="STEP",
            help="Run only this step (users, people, ...); may be repeated.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even with NAIRL_ENV=production (never do this "
            "on a real hub: the demo passwords are public).",
        )

    def handle(self, *args, scale, only, allow_production, **options):
        if settings.PRODUCTION and not allow_production:
            raise CommandError("Refusing to load demo data and demo logins into a production hub.")
        steps = demo_steps()
        unknown = set(only) - {step.name for step in steps}
        if unknown:
            raise CommandError(
                f"Unknown step(s): {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(step.name for step in steps)}."
            )
        started = time.perf_counter()
        for step in steps:
            if only and step.name not in only:
                continue
            step_started = time.perf_counter()
            step.load(scale, self.stdout)
            self.stdout.write(f"  ({step.name}: {time.perf_counter() - step_started:.1f} s)")
        self.stdout.write(f"Demo data ({scale}) ready in {time.perf_counter() - started:.1f} s.")
        for line in login_lines():
            self.stdout.write(self.style.SUCCESS(line))
