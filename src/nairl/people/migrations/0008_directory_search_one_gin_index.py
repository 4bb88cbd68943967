"""PostgreSQL: directory search's text, field ids and country in one GIN index (see
`nairl.people.domain.search_index.SEARCH_INDEX`), in place of the text's and the field ids'
own, and a larger sample of the texts for the planner (`TEXT_STATISTICS`). Nothing changes on
SQLite."""

from django.db import migrations

from nairl.people.domain import search_index

# The indexes it replaces, as migrations 0005 and 0007 made them, for taking it back.
REPLACED_SQL = (
    "CREATE INDEX IF NOT EXISTS people_person_search_trgm ON people_person "
    "USING gin (search_text gin_trgm_ops) WITH (fastupdate = off)",
    "CREATE INDEX IF NOT EXISTS people_person_expertise_ids ON people_person "
    "USING gin (expertise_ids) WITH (fastupdate = off)",
)


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            search_index.install_search_index(cursor)
            cursor.execute("ANALYZE people_person")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in REPLACED_SQL:
            schema_editor.execute(sql)
        schema_editor.execute(f"DROP INDEX IF EXISTS {search_index.SEARCH_INDEX}")
        schema_editor.execute(
            "ALTER TABLE people_person ALTER COLUMN search_text SET STATISTICS -1"
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0007_person_expertise_ids")]

    operations = [migrations.RunPython(install, restore, elidable=False)]
