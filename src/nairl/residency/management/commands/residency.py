"""`nairl residency release-no-shows` (every few minutes from the check-in hour) and
`nairl residency remind` (daily): the residency's scheduled work, run by cron or a scheduler."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ...domain.calendar import hub_today
from ...domain.desks import release_no_shows
from ...domain.notifications import send_checklist_reminders


class Command(BaseCommand):
    help = "Scheduled residency work: release desks nobody checked in to, send reminders."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["release-no-shows", "remind"])

    def handle(self, *args, action, **options):
        with transaction.atomic():
            if action == "release-no-shows":
                count = release_no_shows()
                self.stdout.write(f"{count} desk booking(s) released")
            else:
                count = send_checklist_reminders(today=hub_today())
                self.stdout.write(f"{count} reminder e-mail(s) queued")
