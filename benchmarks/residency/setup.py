"""Run inside a benchmark database (`python -m benchmarks.residency.setup`): signs in the demo
staff user, makes 20 stays on one open day and a few fresh desks to race for, and prints what
the benchmark needs as JSON."""

import datetime
import json

import django


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework.authtoken.models import Token

    from nairl.people.models import Institution, Person
    from nairl.residency.domain.calendar import closed_days, hub_today
    from nairl.residency.domain.stays import create_stay
    from nairl.residency.models import Desk, Room, Stay

    staff = get_user_model().objects.get(username="staff")
    session = SessionStore()
    session.update(
        {
            "_auth_user_id": str(staff.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": staff.get_session_auth_hash(),
        }
    )
    session.create()
    token, _created = Token.objects.get_or_create(user=staff)
    start = hub_today() + datetime.timedelta(days=200)
    closed = closed_days(start, start + datetime.timedelta(days=30))
    day = next(
        start + datetime.timedelta(days=n)
        for n in range(30)
        if start + datetime.timedelta(days=n) not in closed
    )
    people = list(Person.objects.order_by("id")[:21])
    institution = Institution.objects.exclude(country="KR").first()
    stays = [
        create_stay(
            stay=Stay(
                visitor=person,
                host=people[-1],
                home_institution=institution,
                start=day,
                end=day,
                status="approved",
            ),
            by=staff,
        ).pk
        for person in people[:20]
    ]
    room = Room.objects.filter(kind=Room.Kind.OPEN_PLAN).first()
    desks = [Desk.objects.create(room=room, code=f"B{stays[0]}-{n}").pk for n in range(20)]
    print(
        json.dumps(
            {
                "session": session.session_key,
                "token": token.key,
                "day": day.isoformat(),
                "stays": stays,
                "desks": desks,
                "occupancy_start": (hub_today() - datetime.timedelta(days=45)).isoformat(),
            }
        )
    )


if __name__ == "__main__":
    main()
