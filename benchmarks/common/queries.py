"""Run inside a process set up for a benchmark database (Django imported lazily)."""


def queries_per_page(client, paths: dict[str, str]) -> dict[str, int]:
    """Each page's query count, asked once to warm caches (as a running server has them) and
    counted the second time; a page that does not answer 200 stops the benchmark."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        counts[name] = len(captured)
    return counts
