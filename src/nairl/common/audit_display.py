"""The audit trail in the reader's words: field names and stored values as the interface says them.

An entry stores its diff as `{attribute name: [before, after]}` with JSON values (see `audit.py`).
Pages show each field by its model's `verbose_name`, a value with choices by its choice label and
a boolean as yes/no, all in the reader's language. Everything comes from the model classes the
entries' content types name (already loaded with the entries): reading a page makes no query.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

YES = _("yes")
NO = _("no")


@dataclass(frozen=True)
class Change:
    name: str  # the stored attribute name, e.g. "parent_id"
    label: str  # the field's verbose name, capitalised and lazy (translated when shown); `name`
    # itself for a field the model no longer has
    before: object  # None when there was no value
    after: object


class ChangeReader:
    """Reads the changes of many entries, remembering each field's choice labels meanwhile."""

    def __init__(self):
        self._choices: dict = {}

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
        """A stored value as the reader understands it: a choice's label, yes or no, or as is."""
        if value is None:
            return None
        if isinstance(value, bool):
            return YES if value else NO
        if field is None or not field.choices:
            return value
        try:
            return self.choice_labels(field).get(value, value)
        except TypeError:  # an unhashable stored value (a list, a mapping) is no choice
            return value

    def choice_labels(self, field) -> dict:
        if field not in self._choices:
            self._choices[field] = dict(field.flatchoices)
        return self._choices[field]


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


def with_readable_changes(entries):
    """Gives each entry `readable_changes` (a list of `Change`) and returns the entries."""
    reader = ChangeReader()
    for entry in entries:
        entry.readable_changes = reader.changes(entry)
    return entries
