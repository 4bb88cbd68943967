"""Trigram indexes for directory search (see nairl.people.domain.search_index): an FTS5 table
kept by triggers on SQLite, pg_trgm and letter-pair GIN indexes on PostgreSQL."""

from django.db import migrations

from nairl.people.domain import search_index


def install(apps, schema_editor):
    search_index.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_directory_search_index")]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
