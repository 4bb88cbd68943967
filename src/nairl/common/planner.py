"""PostgreSQL's planner figures after a bulk load (the demo's), rather than whenever
autovacuum comes by — or never, on a server where it is off."""

from django.db import connection


def refresh_statistics(models) -> None:
    """ANALYZE these models' tables on PostgreSQL; VACUUM them too when outside a transaction,
    so that their pages are marked all-visible and counts can be answered from an index alone
    (VACUUM cannot run inside a transaction: a test's, or a caller's)."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}")
