"""Many people at once: 20 simultaneous registrations for the last seat give it to exactly
one, and cancellations promote the waiting list first come, first served — on whatever
database the suite runs on (SQLite's writers queue for the lock; PostgreSQL locks the talk)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import translation

from factories import make_user
from nairl.seminars.domain.registrations import cancel_registration, register
from nairl.seminars.models import Registration

from ..helpers import make_talk, seat

pytestmark = pytest.mark.django_db(transaction=True)
Status = Registration.Status


def all_at_once(functions) -> list:
    """Runs the functions in threads released together; returns their results or errors."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        translation.activate("en")  # each thread has its own language (messages are asserted)
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # reported to the test, which asserts on it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_simultaneous_registrations_for_the_last_seat():
    talk = make_talk(capacity=5)
    for number in range(4):
        seat(talk, number)
    users = [make_user(f"racer{number}") for number in range(20)]
    mail.outbox.clear()
    results = all_at_once(
        [
            lambda user=user: register(
                talk=talk, name=user.username, email=user.email, language="en", user=user
            )
            for user in users
        ]
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    statuses = [r.status for r in results]
    assert statuses.count(Status.SEATED) == 1
    assert statuses.count(Status.WAITLISTED) == 19
    assert talk.registrations.filter(status=Status.SEATED).count() == 5
    # every racer was told, the winner with a seat, the others of the waiting list
    subjects = sorted(message.subject.split(":")[0] for message in mail.outbox)
    assert subjects.count("Your seat") == 1 and subjects.count("Waiting list") == 19


def test_simultaneous_cancellations_promote_the_waiting_list_in_order():
    talk = make_talk(capacity=5)
    seated = [seat(talk, number) for number in range(5)]
    waiting = [seat(talk, number) for number in range(5, 15)]
    assert {r.status for r in waiting} == {Status.WAITLISTED}
    results = all_at_once(
        [lambda r=registration: cancel_registration(registration=r) for registration in seated]
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    promoted = set(talk.registrations.filter(status=Status.SEATED).values_list("pk", flat=True))
    # first come, first served: exactly the five who joined the waiting list first
    assert promoted == {r.pk for r in waiting[:5]}
    still_waiting = talk.registrations.filter(status=Status.WAITLISTED)
    assert set(still_waiting.values_list("pk", flat=True)) == {r.pk for r in waiting[5:]}


def test_the_same_registration_cancelled_twice_at_once_frees_one_seat():
    talk = make_talk(capacity=1)
    holder = seat(talk, 0)
    first, second = seat(talk, 1), seat(talk, 2)
    results = all_at_once([lambda: cancel_registration(registration=holder)] * 5)
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 4 and all("already cancelled" in str(e) for e in errors)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.SEATED, Status.WAITLISTED)
