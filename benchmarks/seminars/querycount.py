"""SQL queries per request for the seminar pages (run in the benchmark's environment); a feed
timed "after a change" is counted on the request right after `touch` changed one of its talks."""

import json
import sys

import django

from benchmarks.common.queries import queries_per_page


def main() -> None:
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.seminars.touch import touch

    paths, changed = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    client = Client()
    counts = queries_per_page(client, paths)
    for name, (path, series) in changed.items():
        client.get(path)
        touch(series)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts[name] = len(captured)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
