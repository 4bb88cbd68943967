"""The audit trail in the reader's words: field names and stored values as the interface says them.

An entry stores its diff as `{attribute name: [before, after]}` with JSON values (see `audit.py`).
Pages show each field by its model's `verbose_name`; a value with choices by its choice label, a
boolean as yes/no, a time in the reader's time zone, and a linked record (a foreign key, the
members of a many-to-many field, the entry's own object) by its name in the reader's language
with a link to it. Linked records are read in one query per kind of record on the page, never
one per entry.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

YES = _("yes")
NO = _("no")


@dataclass(frozen=True)
class Linked:
    """A record a value names: its name now (or its id when it is gone) and where it is."""

    text: str
    url: str = ""

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class Change:
    name: str  # the stored attribute name, e.g. "parent_id"
    label: str  # the field's verbose name, capitalised and lazy (translated when shown); `name`
    # itself for a field the model no longer has
    before: object  # None when there was no value
    after: object


def model_field(model, name: str):
    """The model's field stored under `name` (a field or attribute name), None if there is none."""
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation (a study's "runs", recorded as a count by an import) has no label.
    return field if hasattr(field, "verbose_name") else None


def related_model(field):
    if isinstance(field, models.ForeignKey | models.OneToOneField | models.ManyToManyField):
        return field.related_model
    return None


class ChangeReader:
    """Reads the changes of a page of entries: collects the records they name, fetches each
    kind once, then words every value."""

    def __init__(self):
        self._choices: dict = {}
        self._records: dict = {}  # model -> {pk: record}

    def read(self, entries) -> None:
        wanted = defaultdict(set)
        for entry in entries:
            model = entry.content_type.model_class()
            if model is not None and entry.object_id.isdigit():
                wanted[model].add(int(entry.object_id))
            for name, values in (entry.changes or {}).items():
                target = related_model(model_field(model, name))
                if target is not None:
                    for value in values:
                        wanted[target].update(ids_in(value))
        for model, ids in wanted.items():
            # A record's name may use the records it points to (an affiliation's person).
            relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
            records = model._base_manager.select_related(*relations)
            self._records[model] = records.in_bulk(ids) if ids else {}
        for entry in entries:
            entry.readable_changes = self.changes(entry)
            entry.subject = self.linked(entry.content_type.model_class(), entry.object_id)

    def changes(self, entry) -> list[Change]:
        model = entry.content_type.model_class()  # None when the model no longer exists
        readable = []
        for name, (before, after) in (entry.changes or {}).items():
            field = model_field(model, name)
            readable.append(
                Change(
                    name=name,
                    label=capfirst(field.verbose_name) if field is not None else name,
                    before=self.value(field, before),
                    after=self.value(field, after),
                )
            )
        return readable

    def value(self, field, value):
        """A stored value as the reader understands it."""
        if value is None:
            return None
        if isinstance(value, bool):
            return YES if value else NO
        target = related_model(field)
        if target is not None:
            if isinstance(value, list):
                return ", ".join(str(self.linked(target, pk)) for pk in value) or "—"
            return self.linked(target, value)
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            try:
                return datetime.datetime.fromisoformat(value)  # shown in the reader's zone
            except ValueError:
                return value
        if field is None or not field.choices:
            return value
        try:
            return self.choice_labels(field).get(value, value)
        except TypeError:  # an unhashable stored value (a list, a mapping) is no choice
            return value

    def linked(self, model, pk) -> Linked | None:
        if model is None:
            return None
        try:
            key = int(pk)
        except (TypeError, ValueError):
            return Linked(str(pk))
        record = self._records.get(model, {}).get(key)
        if record is None:
            return Linked(f"#{key}")
        url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
        return Linked(str(record), url)

    def choice_labels(self, field) -> dict:
        if field not in self._choices:
            self._choices[field] = dict(field.flatchoices)
        return self._choices[field]


def ids_in(value) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [int(v) for v in values if isinstance(v, int) or (isinstance(v, str) and v.isdigit())]


def with_readable_changes(entries):
    """Gives each entry `readable_changes` (a list of `Change`) and `subject` (its record, by
    name and link, while it exists), and returns the entries."""
    entries = list(entries)
    ChangeReader().read(entries)
    return entries
