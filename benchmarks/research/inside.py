"""Run inside a process set up for the benchmark database: `setup` signs the demo director in
and counts each page's queries; `import` times a BibTeX import of 10,000 generated entries and
rolls it back. Prints one JSON object. Used by benchmarks.research."""

import json
import sys
import time

from benchmarks.common.queries import queries_per_page

IMPORTED = 10_000


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


def import_entries() -> dict:
    from django.db import transaction

    from nairl.research.domain.output_files import import_output_file

    source = bibtex(IMPORTED)
    with transaction.atomic():
        started, cpu = time.perf_counter(), time.process_time()
        report = import_output_file(source=source, by=None)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        transaction.set_rollback(True)
    return {
        "entries": IMPORTED,
        "created": report.created,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps({"setup": setup, "import": import_entries}[sys.argv[1]]()))
