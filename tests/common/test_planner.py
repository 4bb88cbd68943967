import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from nairl.common.planner import refresh_statistics
from nairl.people.models import Person


def maintenance_counts():
    """How often PostgreSQL has vacuumed and analysed the table (None elsewhere)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the counts read stay as first read
        cursor.execute(
            "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables WHERE relname = %s",
            [Person._meta.db_table],
        )
        return cursor.fetchone()


def refreshed(inside_a_transaction: bool):
    """The maintenance statements sent, and how many vacuums and analyses they added."""
    before = maintenance_counts()
    with CaptureQueriesContext(connection) as sent:
        if inside_a_transaction:
            with transaction.atomic():
                refresh_statistics([Person])
        else:
            refresh_statistics([Person])
    statements = [q["sql"] for q in sent.captured_queries if "ANALYZE" in q["sql"]]
    after = maintenance_counts()
    added = None if before is None else (after[0] - before[0], after[1] - before[1])
    return statements, added


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_postgresql_tables_are_vacuumed_and_analysed():
    statements, added = refreshed(inside_a_transaction=False)
    if connection.vendor == "postgresql":
        assert statements == ['VACUUM (ANALYZE) "people_person"']
        assert added == (1, 1)
    else:
        assert statements == []  # SQLite keeps no planner statistics to refresh


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_postgresql_tables_are_analysed_only():
    # VACUUM cannot run inside a transaction: it would fail the caller's.
    statements, added = refreshed(inside_a_transaction=True)
    if connection.vendor == "postgresql":
        assert statements == ['ANALYZE "people_person"']
        assert added == (0, 1)
    else:
        assert statements == []
