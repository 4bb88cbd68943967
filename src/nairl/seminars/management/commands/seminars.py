from django.core.management.base import BaseCommand

from nairl.seminars.domain.notifications import send_due_reminders


class Command(BaseCommand):
    help = "Seminars: `nairl seminars remind` emails everyone with a seat at a talk within a day."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["remind"])

    def handle(self, *args, action, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
