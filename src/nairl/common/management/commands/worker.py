import signal
import threading

from django.core.management.base import BaseCommand

from nairl.common.worker import work


class Command(BaseCommand):
    help = (
        "Runs the hub's background work (fits, evaluations, emails) queued in the database, one "
        "task at a time, until stopped (Ctrl-C or SIGTERM finish the current task first). "
        "`make run` starts one beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is queued now, then stop")
        parser.add_argument(
            "--poll", type=float, default=1.0, help="seconds between looks at an empty queue"
        )

    def handle(self, *args, once, poll, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        ran = work(stop=stop, poll=poll, once=once)
        if options["verbosity"] > 0:
            self.stdout.write(f"worker: {ran} task(s) run")
