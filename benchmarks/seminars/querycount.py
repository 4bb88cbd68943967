"""SQL queries per request for the seminar pages (run in the benchmark's environment)."""

import json
import sys

import django

from benchmarks.common.queries import queries_per_page


def main() -> None:
    django.setup()
    from django.test import Client

    print(json.dumps(queries_per_page(Client(), json.loads(sys.argv[1]))))


if __name__ == "__main__":
    main()
