"""Model fields shared by the apps."""

import json

from django.contrib.postgres.fields import ArrayField
from django.db import models


class IdListField(ArrayField):
    """A list of integer ids kept on the row itself: PostgreSQL's `integer[]` (so that a GIN
    index can find the rows holding an id), JSON text on SQLite, where no query reads it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(models.IntegerField(), **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["base_field"]
        return name, path, args, kwargs

    def db_type(self, connection):
        return super().db_type(connection) if connection.vendor == "postgresql" else "text"

    def cast_db_type(self, connection):
        return super().cast_db_type(connection) if connection.vendor == "postgresql" else "text"

    def get_placeholder(self, value, compiler, connection):
        if connection.vendor == "postgresql":
            return super().get_placeholder(value, compiler, connection)
        return "%s"

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor == "postgresql" or value is None:
            return super().get_db_prep_value(value, connection, prepared)
        return json.dumps(list(value))

    def from_db_value(self, value, expression, connection):
        return json.loads(value) if isinstance(value, str) else value
