"""Directory export to CSV and XLSX, in the same columns the import reads (round trip)."""

from django.http import HttpResponse
from django.utils import timezone

from nairl.common.spreadsheets import write_csv, write_xlsx

from .importing import PersonImporter

EXPORT_FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# An export reads back as an import: the same columns, in the same order.
PERSON_HEADERS = [*PersonImporter.required_columns, *PersonImporter.optional_columns]


def person_row(person, include_email: bool) -> list:
    affiliation = person.current_affiliations[0] if person.current_affiliations else None
    return [
        person.name_ko,
        person.name_en,
        person.orcid or "",
        person.email if include_email else "",
        person.country.code or "",
        person.bio_ko,
        person.bio_en,
        ";".join(area.code for area in person.expertise.all()),
        "yes" if person.is_public else "no",
        (affiliation.institution.ror_id or "") if affiliation else "",
        # the name too: it is how the import finds an institution that has no ROR id
        (affiliation.institution.name_en or affiliation.institution.name_ko) if affiliation else "",
        affiliation.role if affiliation else "",
        affiliation.start.isoformat() if affiliation and affiliation.start else "",
        affiliation.end.isoformat() if affiliation and affiliation.end else "",
    ]


def person_rows(people, include_email: bool):
    """Rows for the people, read in chunks of 2,000 (`people` must carry with_directory_details)."""
    return (person_row(person, include_email) for person in people.iterator(chunk_size=2000))


def export_bytes(people, file_format: str, include_email: bool) -> bytes:
    rows = person_rows(people, include_email)
    if file_format == "csv":
        return write_csv(PERSON_HEADERS, rows)
    return write_xlsx(PERSON_HEADERS, rows, title="people")


def export_people(people, file_format: str, include_email: bool) -> HttpResponse:
    """`people` must carry `with_directory_details`."""
    body = export_bytes(people, file_format, include_email)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="nairl-people-{stamp}.{file_format}"'
    return response
