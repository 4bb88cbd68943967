from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from nairl.common.context import acting_as
from nairl.common.imports import ImportRefused
from nairl.people.domain.importing import import_directory


class Command(BaseCommand):
    help = (
        "Imports institutions or people from a CSV (UTF-8) or XLSX file, all or nothing: "
        "on any problem the report goes to stderr, nothing is saved and the exit status is 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["institutions", "people"])
        parser.add_argument("file", help="a .csv or .xlsx file; the first row names the columns")
        parser.add_argument(
            "--as",
            dest="username",
            default=None,
            help="username recorded as the actor in the audit trail",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="language of the messages",
        )

    def handle(self, *args, kind, file, username, language, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        actor = None
        if username:
            actor = get_user_model().objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No user named {username!r}.")
        with translation.override(language), acting_as(actor, request_id="nairl-import"):
            try:
                report = import_directory(kind=kind, filename=path.name, source=path.read_bytes())
            except ImportRefused as failure:
                for error in failure.report.problems:
                    where = f"row {error.row}" if error.row is not None else "file"
                    column = f", column {error.column}" if error.column else ""
                    self.stderr.write(f"{path.name}: {where}{column}: {error.message}")
                raise CommandError(
                    f"{len(failure.report.problems)} problem(s) found; nothing was imported."
                ) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {report.created} {kind} from {path.name}."))
