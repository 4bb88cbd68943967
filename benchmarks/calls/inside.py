"""Run inside a process set up for the benchmark database: `setup` signs the demo director in
and counts each page's queries; `assignment` times the national call's automatic assignment
from scratch and rolls it back. Prints one JSON object. Used by benchmarks.calls."""

import json
import sys
import time

from benchmarks.common.queries import queries_per_page


def the_call():
    from nairl.calls.models import Call

    return Call.objects.get(title_en="AI Leader Fellowship 2025")


def setup() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    call = the_call()
    director = get_user_model().objects.get(username="director")
    client = Client()
    client.force_login(director)
    paths = {
        "ranking": f"/calls/{call.pk}/ranking/",
        "ranking_by_spread": f"/calls/{call.pk}/ranking/?order=spread",
        "dashboard": f"/calls/{call.pk}/applications/",
        "assignments": f"/calls/{call.pk}/assignments/",
    }
    queries = queries_per_page(client, paths)
    return {
        "paths": paths,
        "queries": queries,
        "session": client.cookies["sessionid"].value,
        "scale": f"{call.applications.count()} applications, "
        f"{call.reviewer_pool.count()} reviewers, {call.reviews_per_application} reviews each",
    }


def assignment() -> dict:
    from django.db import transaction

    from nairl.calls.domain.assignment import compute_assignment
    from nairl.calls.models import Application, AssignmentRun

    call = the_call()
    with transaction.atomic():
        call.assignments.all().delete()
        call.applications.exclude(status="draft").update(status=Application.Status.SUBMITTED)
        run = AssignmentRun.objects.create(call=call)
        started = time.perf_counter()
        result = compute_assignment(run)["result"]
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {
        "seconds": round(seconds, 2),
        **{k: result[k] for k in ("applications", "reviewers", "assigned", "total_affinity")},
        "short_of_reviews": len(result["short_of_reviews"]),
        "short_of_expertise": len(result["short_of_expertise"]),
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps({"setup": setup, "assignment": assignment}[sys.argv[1]]()))
