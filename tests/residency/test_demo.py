"""The demo building and stays: the sizes the issue asks for, loaded twice without doubling."""

import io

import pytest

from nairl.common.management.demo import load_users
from nairl.people import demo as people_demo
from nairl.residency import demo
from nairl.residency.models import Desk, DeskBooking, Floor, Room, Stay

pytestmark = pytest.mark.django_db


def test_the_demo_hub_has_600_desks_and_40_rooms_and_is_loaded_once():
    out = io.StringIO()
    load_users("small", out)
    people_demo.load("small", out)
    demo.load("small", out)
    assert Desk.objects.count() == 600
    assert Room.objects.filter(is_bookable=True).count() == 40
    assert sum(Floor.objects.values_list("area_m2", flat=True)) == 7600
    stays, bookings = Stay.objects.count(), DeskBooking.objects.count()
    assert stays >= 30 and bookings > 0
    researcher = Stay.objects.get(visitor__user__username="researcher")
    assert researcher.status == "arrived"
    demo.load("small", out)
    assert (Stay.objects.count(), DeskBooking.objects.count()) == (stays, bookings)
    doubled = DeskBooking.objects.holding().values("desk", "day").distinct().count()
    assert doubled == DeskBooking.objects.holding().count()
