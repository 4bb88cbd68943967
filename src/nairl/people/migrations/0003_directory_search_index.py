"""A covering index for directory search on SQLite.

Directory pages ask for the first 50 people, in name order, whose search text contains some
words. SQLite walks the sort_name index and, without this index, reads each person's whole row to
test the words: a search that matches few people read all 20,000 rows in index order (~100 ms at
national scale). With search_text and is_public in the index, the walk reads only the index and
fetches the 50 rows it shows (~15 ms for a search that matches nobody, ~1 ms for a common name).

SQLite only: PostgreSQL limits a B-tree entry to about 2.7 kB, which a long search text could
exceed, and its planner scans the table sequentially for such searches anyway.
"""

from django.db import migrations

INDEX = "people_person_directory_search"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON people_person (sort_name, id, is_public, search_text)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_seed_expertise")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
