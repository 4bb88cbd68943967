from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nairl.people.domain.exporting import EXPORT_FORMATS, export_bytes
from nairl.people.domain.search import DirectoryQuery, search_people, with_directory_details


class Command(BaseCommand):
    help = (
        "Exports the people directory to a CSV or XLSX file, in the columns `nairl import "
        "people` reads. By default everyone, with e-mail addresses (what hub staff see)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["people"])
        parser.add_argument("file", help="where to write: FILE.csv or FILE.xlsx")
        parser.add_argument(
            "--public-only",
            action="store_true",
            help="only public profiles and no e-mail addresses (what anyone sees)",
        )
        parser.add_argument("--q", default="", help="only people matching this directory search")
        parser.add_argument("--country", default="", help="only people in this country (ISO code)")

    def handle(self, *args, kind, file, public_only, q, country, **options):
        path = Path(file)
        file_format = path.suffix.lower().lstrip(".")
        if file_format not in EXPORT_FORMATS:
            raise CommandError(f"Name the file .csv or .xlsx, not {path.name!r}.")
        if not path.parent.is_dir():
            raise CommandError(f"No such directory: {path.parent}")
        people = search_people(DirectoryQuery(text=q, country=country.upper()))
        if public_only:
            people = people.filter(is_public=True)
        people = with_directory_details(people.order_by("sort_name", "id"))
        path.write_bytes(export_bytes(people, file_format, include_email=not public_only))
        self.stdout.write(self.style.SUCCESS(f"Exported {people.count()} people to {path}."))
