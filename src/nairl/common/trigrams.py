"""Trigram indexes: with one (pg_trgm, GIN), PostgreSQL finds the rows whose text contains a word
of three letters or more (`LIKE '%word%'`, case-sensitive: index a case-folded column and search
it with `contains`) without reading every row. PostgreSQL only; other databases are left as
they are."""

from django.db import migrations

# GIN indexes by default queue new entries in a pending list that every search reads whole until
# autovacuum merges it: after a bulk load (the demo, an import) a hundred-row directory search
# read ~500 pages and took 12 ms, and the planner, counting those pages, preferred reading every
# row. Without the list, a write updates the index at once; searches, far more frequent, stay
# cheap.
NO_PENDING_LIST = "fastupdate = off"


def without_pending_list(cursor, index: str) -> None:
    """Turns the pending list off on a GIN index made with it (before the setting, or by an older
    version), and merges what it holds."""
    cursor.execute(f"ALTER INDEX {index} SET ({NO_PENDING_LIST})")
    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def add_trigram_index(connection, table: str, column: str, name: str) -> None:
    """Idempotent: an index already there is given the setting."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ({column} gin_trgm_ops) WITH ({NO_PENDING_LIST})"
        )
        without_pending_list(cursor, name)
        cursor.execute(f"ANALYZE {table}")  # so that the planner knows when the index pays


def drop_trigram_index(connection, name: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def TrigramIndex(table: str, column: str, name: str, *, made_earlier=False) -> migrations.RunPython:  # noqa: N802
    """The migration operation that adds (and, taken back, drops) a trigram index. With
    `made_earlier`, for an index an earlier migration made with a pending list: it gives it the
    setting and, taken back, leaves it (the list is a matter of speed, not of results)."""
    return migrations.RunPython(
        lambda apps, schema_editor: add_trigram_index(
            schema_editor.connection, table, column, name
        ),
        migrations.RunPython.noop
        if made_earlier
        else lambda apps, schema_editor: drop_trigram_index(schema_editor.connection, name),
        elidable=False,
    )
