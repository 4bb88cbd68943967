"""Trigram indexes: with one (pg_trgm, GIN), PostgreSQL finds the rows whose text contains a word
of three letters or more (`LIKE '%word%'`, case-sensitive: index a case-folded column and search
it with `contains`) without reading every row. PostgreSQL only; other databases are left as
they are."""

from django.db import migrations


def add_trigram_index(connection, table: str, column: str, name: str) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )
        cursor.execute(f"ANALYZE {table}")  # so that the planner knows when the index pays


def drop_trigram_index(connection, name: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def TrigramIndex(table: str, column: str, name: str) -> migrations.RunPython:  # noqa: N802
    """The migration operation that adds (and, taken back, drops) a trigram index."""
    return migrations.RunPython(
        lambda apps, schema_editor: add_trigram_index(
            schema_editor.connection, table, column, name
        ),
        lambda apps, schema_editor: drop_trigram_index(schema_editor.connection, name),
        elidable=False,
    )
