"""Trigram indexes (PostgreSQL) are made, and an older one is given the setting, without GIN's
pending list, which every search would read whole; other databases are left as they are."""

import pytest
from django.db import connection

from nairl.common.trigrams import add_trigram_index

pytestmark = pytest.mark.django_db

OUTPUTS_INDEX = "research_output_search_trgm"


def index_options(name: str) -> list[str] | None:
    """The index's storage options (PostgreSQL), or None when there is no such index."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
            return [] if cursor.fetchone() else None
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [name])
        row = cursor.fetchone()
    return None if row is None else row[0] or []


def test_the_migrations_leave_the_outputs_index_without_a_pending_list():
    options = index_options(OUTPUTS_INDEX)
    if connection.vendor == "postgresql":
        assert options == ["fastupdate=off"]
    else:
        assert options is None


def test_an_index_made_with_a_pending_list_is_given_the_setting():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {OUTPUTS_INDEX}")
            cursor.execute(
                f"CREATE INDEX {OUTPUTS_INDEX} ON research_output "
                "USING gin (search_text gin_trgm_ops)"
            )
        assert index_options(OUTPUTS_INDEX) == []
    add_trigram_index(connection, "research_output", "search_text", OUTPUTS_INDEX)
    add_trigram_index(connection, "research_output", "search_text", OUTPUTS_INDEX)  # idempotent
    expected = ["fastupdate=off"] if connection.vendor == "postgresql" else None
    assert index_options(OUTPUTS_INDEX) == expected
