"""Run inside a process set up for the benchmark database: `setup` signs the demo director in
and counts each page's queries; `import` times imports of generated files (10,000 BibTeX
entries, 10,000 CSL-JSON items, an ORCID record of 500 works), each rolled back. Prints one
JSON object. Used by benchmarks.research."""

import json
import sys
import time

from benchmarks.common.queries import queries_per_page

IMPORTED = 10_000
ORCID_WORKS = 500
ORCID_OWNER = "0000-0002-1825-0097"


def setup() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from nairl.research.flagships import ensure_flagship_programs
    from nairl.research.models import Output, Project

    program = ensure_flagship_programs()["beyond-scaling"]
    director = get_user_model().objects.get(username="director")
    client = Client()
    client.force_login(director)
    paths = {
        "outputs": "/research/outputs/",
        "outputs_filtered": f"/research/outputs/?program={program.pk}&country=CA"
        "&international=true&year=2024&kind=paper",
        "outputs_search": "/research/outputs/?q=scaling+laws",
        "outputs_api": "/api/v1/research/outputs/",
        "program": program.get_absolute_url(),
    }
    queries = queries_per_page(client, paths)
    return {
        "paths": paths,
        "queries": queries,
        "session": client.cookies["sessionid"].value,
        "scale": f"{Project.objects.count()} projects, {Output.objects.count()} outputs",
    }


def bibtex(count: int) -> bytes:
    entries = []
    for number in range(count):
        entries.append(
            f"@article{{bench{number},\n"
            f"  title = {{Benchmark entry {number}: Caf{{\\'e}} and {{\\\"o}}ber 모델 학습}},\n"
            f'  author = {{M{{\\"u}}ller, J{{\\"o}}rg and Kim, Min-su and 김철수 {number}}},\n'
            f"  journal = {{Journal of Benchmarks}},\n"
            f"  year = {{{2020 + number % 5}}},\n"
            f"  doi = {{10.99999/bench.{number}}}\n}}\n"
        )
    return "\n".join(entries).encode()


def csl_json(count: int) -> bytes:
    items = [
        {
            "type": "article-journal",
            "title": f"Benchmark item {number}: Café and über 모델 학습",
            "author": [
                {"family": "Müller", "given": "Jörg"},
                {"family": "Kim", "given": "Min-su"},
                {"literal": f"김철수 {number}"},
            ],
            "container-title": "Journal of Benchmarks",
            "issued": {"date-parts": [[2020 + number % 5]]},
            "DOI": f"10.99998/bench.{number}",
        }
        for number in range(count)
    ]
    return json.dumps(items, ensure_ascii=False).encode()


def orcid_record(count: int) -> bytes:
    def work(number: int) -> dict:
        return {
            "title": {"title": {"value": f"ORCID work {number}: 로봇 학습"}},
            "type": "journal-article",
            "journal-title": {"value": "Journal of Benchmarks"},
            "publication-date": {"year": {"value": str(2020 + number % 5)}},
            "external-ids": {
                "external-id": [
                    {
                        "external-id-type": "doi",
                        "external-id-value": f"10.99997/bench.{number}",
                        "external-id-relationship": "self",
                    }
                ]
            },
        }

    record = {
        "orcid-identifier": {"path": ORCID_OWNER},
        "person": {"name": {"given-names": {"value": "Min-su"}, "family-name": {"value": "Kim"}}},
        "activities-summary": {
            "works": {"group": [{"work-summary": [work(n)]} for n in range(count)]}
        },
    }
    return json.dumps(record, ensure_ascii=False).encode()


def timed_import(source: bytes, items: int) -> dict:
    from django.db import transaction

    from nairl.research.domain.output_files import import_output_file

    with transaction.atomic():
        started, cpu = time.perf_counter(), time.process_time()
        report = import_output_file(source=source, by=None)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        transaction.set_rollback(True)
    return {
        "entries": items,
        "created": report.created,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
    }


def import_entries() -> dict:
    """The BibTeX import (the target's), then CSL-JSON and ORCID, on the same database."""
    return {
        **timed_import(bibtex(IMPORTED), IMPORTED),
        "csl_json": timed_import(csl_json(IMPORTED), IMPORTED),
        "orcid": timed_import(orcid_record(ORCID_WORKS), ORCID_WORKS),
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps({"setup": setup, "import": import_entries}[sys.argv[1]]()))
