"""All-or-nothing import of institutions and people from CSV or XLSX, on the common pipeline
(`nairl.common.imports`).

Every row is checked with the same model validation as the forms, plus duplicates within the file
and against the database; one bad row means nothing is saved, and the report names the row, the
column and the reason for every problem found.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nairl.common.imports import ImportReport, TableImporter, import_file
from nairl.people.models import Affiliation, ExpertiseArea, Institution, Person
from nairl.people.models.directory import sort_key

from .indexing import reindex

TRUE_WORDS = {"1", "true", "yes", "y", "예", "네", "공개"}
FALSE_WORDS = {"0", "false", "no", "n", "아니오", "비공개"}


def model_errors(error: ValidationError, number: int, report: ImportReport, column_of=None):
    for name, messages in error.message_dict.items():
        column = (column_of or {}).get(name, name)
        for message in messages:
            report.add(number, "" if column == "__all__" else column, message)


class InstitutionImporter(TableImporter):
    required_columns = ("name_ko", "name_en", "country", "kind")
    optional_columns = ("ror_id", "parent_ror_id", "website", "aliases")

    def validate(self, records, report):
        self.rows = []
        seen_ror = {}
        existing = set(Institution.objects.exclude(ror_id=None).values_list("ror_id", flat=True))
        for number, record in records:
            institution = Institution(
                name_ko=record["name_ko"],
                name_en=record["name_en"],
                country=record["country"].upper(),
                kind=record["kind"].lower(),
                ror_id=record.get("ror_id") or None,
                website=record.get("website", ""),
                aliases=record.get("aliases", ""),
            )
            try:
                institution.full_clean(exclude=["parent", "sort_name"], validate_unique=False)
            except ValidationError as error:
                model_errors(error, number, report)
                continue
            if institution.ror_id:
                if institution.ror_id in existing:
                    report.add(
                        number, "ror_id", _("An institution with this ROR id already exists.")
                    )
                elif institution.ror_id in seen_ror:
                    report.add(
                        number,
                        "ror_id",
                        _("The same ROR id is also on row %(row)d.")
                        % {"row": seen_ror[institution.ror_id]},
                    )
                seen_ror[institution.ror_id] = number
            self.rows.append((number, institution, (record.get("parent_ror_id") or "").lower()))
        known_parents = existing | set(seen_ror)
        for number, _institution, parent_ror in self.rows:
            if parent_ror and parent_ror not in known_parents:
                report.add(
                    number,
                    "parent_ror_id",
                    _("No institution with this ROR id, in the hub or in this file."),
                )

    def save(self) -> list:
        institutions = [institution for _n, institution, _p in self.rows]
        for institution in institutions:
            institution.ror_id = institution.ror_id or None
            institution.sort_name = sort_key(institution.name_en, institution.name_ko)
        Institution.objects.bulk_create(institutions)
        parents = {i.ror_id: i for i in Institution.objects.exclude(ror_id=None)}
        children = []
        for _n, institution, parent_ror in self.rows:
            if parent_ror:
                institution.parent = parents[parent_ror]
                children.append(institution)
        Institution.objects.bulk_update(children, ["parent"])
        return institutions


class InstitutionFinder:
    """The institution of an imported affiliation: by ROR id, or, for the many without one, by
    its exact name in either language (any case). Reads the hub's institutions once."""

    def __init__(self):
        self.by_ror, self.by_name = {}, {}
        for institution in Institution.objects.only("id", "ror_id", "name_ko", "name_en"):
            if institution.ror_id:
                self.by_ror[institution.ror_id] = institution
            for name in {institution.name_ko.casefold(), institution.name_en.casefold()} - {""}:
                self.by_name.setdefault(name, []).append(institution)

    def find(self, ror: str, name: str, number: int, report) -> Institution | None:
        if ror:
            if ror not in self.by_ror:
                report.add(
                    number, "institution_ror_id", _("No institution with this ROR id in the hub.")
                )
            return self.by_ror.get(ror)
        found = self.by_name.get(name.casefold(), [])
        if len(found) == 1:
            return found[0]
        if found:
            report.add(
                number,
                "institution",
                _("Several institutions have this name; give institution_ror_id."),
            )
        else:
            report.add(number, "institution", _("No institution with this name in the hub."))
        return None


class PersonImporter(TableImporter):
    required_columns = ("name_ko", "name_en")
    optional_columns = (
        "orcid",
        "email",
        "country",
        "bio_ko",
        "bio_en",
        "expertise",
        "is_public",
        "institution_ror_id",
        "institution",
        "role",
        "start",
        "end",
    )

    def validate(self, records, report):
        self.rows = []
        areas = {area.code.lower(): area for area in ExpertiseArea.objects.all()}
        institutions = InstitutionFinder()
        existing_orcids = set(Person.objects.exclude(orcid=None).values_list("orcid", flat=True))
        seen_orcid = {}
        for number, record in records:
            person = Person(
                name_ko=record["name_ko"],
                name_en=record["name_en"],
                orcid=record.get("orcid") or None,
                email=record.get("email", ""),
                country=record.get("country", "").upper(),
                bio_ko=record.get("bio_ko", ""),
                bio_en=record.get("bio_en", ""),
            )
            person.is_public = self.parse_flag(record.get("is_public", ""), number, report)
            try:
                person.full_clean(
                    exclude=["sort_name", "search_text", "user"], validate_unique=False
                )
            except ValidationError as error:
                model_errors(error, number, report)
            if person.orcid:
                if person.orcid in existing_orcids:
                    report.add(number, "orcid", _("A person with this ORCID iD already exists."))
                elif person.orcid in seen_orcid:
                    report.add(
                        number,
                        "orcid",
                        _("The same ORCID iD is also on row %(row)d.")
                        % {"row": seen_orcid[person.orcid]},
                    )
                seen_orcid[person.orcid] = number
            expertise = []
            for code in filter(
                None, (c.strip().lower() for c in record.get("expertise", "").split(";"))
            ):
                if code not in areas:
                    report.add(
                        number,
                        "expertise",
                        _("Unknown field of expertise “%(code)s”.") % {"code": code},
                    )
                else:
                    expertise.append(areas[code])
            affiliation = self.affiliation(record, institutions, number, report)
            self.rows.append((person, expertise, affiliation))

    @staticmethod
    def parse_flag(value, number, report) -> bool:
        word = value.strip().lower()
        if not word or word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        report.add(number, "is_public", _("Write yes or no."))
        return True

    @staticmethod
    def affiliation(record, institutions, number, report):
        ror = (record.get("institution_ror_id") or "").strip().lower()
        name = (record.get("institution") or "").strip()
        if not ror and not name:
            for column in ("role", "start", "end"):
                if record.get(column):
                    report.add(
                        number,
                        column,
                        _("Give institution_ror_id or institution for an affiliation."),
                    )
            return None
        institution = institutions.find(ror, name, number, report)
        if institution is None:
            return None
        affiliation = Affiliation(institution=institution, role=record.get("role") or "researcher")
        for column in ("start", "end"):
            text = (record.get(column) or "").strip()
            if text:
                try:
                    setattr(affiliation, column, datetime.date.fromisoformat(text))
                except ValueError:
                    report.add(number, column, _("Write the date as YYYY-MM-DD."))
        try:
            affiliation.full_clean(exclude=["person"])
        except ValidationError as error:
            model_errors(error, number, report)
        return affiliation

    def save(self) -> list:
        people = [person for person, _e, _a in self.rows]
        for person in people:
            person.sort_name = sort_key(person.name_en, person.name_ko)
        Person.objects.bulk_create(people)
        links, affiliations = [], []
        for person, expertise, affiliation in self.rows:
            links += [
                Person.expertise.through(person=person, expertisearea=area) for area in expertise
            ]
            if affiliation is not None:
                affiliation.person = person
                affiliations.append(affiliation)
        Person.expertise.through.objects.bulk_create(links)
        Affiliation.objects.bulk_create(affiliations)
        reindex([person.pk for person in people])
        return people


IMPORTERS = {"institutions": InstitutionImporter, "people": PersonImporter}


def import_directory(*, kind: str, filename: str, source) -> ImportReport:
    """Imports institutions or people (`kind`) from a CSV/XLSX file, whole or not at all."""
    return import_file(IMPORTERS[kind](), filename, source)
