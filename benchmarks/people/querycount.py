"""Run inside a process set up for one benchmark database (DATABASE_URL): resolves the benchmark
paths and counts the SQL queries each request makes, with Django's test client in-process.
Prints one JSON object. Used by benchmarks.people; not meant to be run by hand."""

import json
import os
import sys


def resolve_paths() -> dict[str, str]:
    from nairl.people.models import Institution, Person

    kaist = Institution.objects.get(ror_id="05apxxy63")
    person = (
        Person.objects.filter(
            is_public=True, email__endswith="@demo.nairl.example", affiliations__end=None
        )
        .order_by("id")
        .first()
    )
    return {
        "search_ko_partial": "/people/?q=%EA%B9%80%EB%AF%BC",  # 김민
        "search_en_partial": "/people/?q=park",
        "search_institution": f"/people/?institution={kaist.pk}",
        "search_inst_text": "/people/?q=kaist",
        "search_expertise": "/people/?expertise=cs.RO",
        "search_country": "/people/?country=FR",
        "search_combined": "/people/?q=lee&country=KR&expertise=cs.LG",
        "search_no_match": "/people/?q=zzqx",
        "directory_first": "/people/",
        "profile": f"/people/{person.pk}/",
        "api_list": "/api/v1/people/",
        "api_search": "/api/v1/people/?q=kim&country=KR",
        "bare_json": "/bench/ok/",
    }


def count_queries(paths: dict[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, path in paths.items():
        client.get(path)  # warm caches (content types, translations) as a running server has
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        counts[name] = len(queries)
    return counts


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.common.settings")
    import django

    django.setup()
    paths = resolve_paths()
    json.dump({"paths": paths, "queries": count_queries(paths)}, sys.stdout)


if __name__ == "__main__":
    main()
