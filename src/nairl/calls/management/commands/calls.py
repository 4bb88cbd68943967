from django.core.management.base import BaseCommand

from nairl.calls.domain.reminders import send_reminders


class Command(BaseCommand):
    help = "Calls: `nairl calls remind` mails reviewers whose review deadline is within three days."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["remind"])

    def handle(self, *args, action, **options):
        count = send_reminders()
        self.stdout.write(f"{count} reviewer(s) reminded.")
