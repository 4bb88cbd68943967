"""Trigram indexes for directory search (see nairl.people.domain.search_index): an FTS5 table
kept by triggers and a covering index with the country on SQLite, pg_trgm and letter-pair GIN
indexes on PostgreSQL; and the people currently at an institution read from an index alone."""

from django.db import migrations, models

from nairl.people.domain import search_index


def install(apps, schema_editor):
    search_index.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("people", "0004_affiliation_person_label")]

    operations = [
        migrations.RemoveIndex(model_name="affiliation", name="people_affi_institu_3dc575_idx"),
        migrations.AddIndex(
            model_name="affiliation",
            index=models.Index(
                fields=["institution", "person", "end", "start"],
                name="people_affi_institu_e1abbf_idx",
            ),
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
