"""Permission-walk expectations for nairl.residency: pages and API.

The walk's stays belong to a visitor and a host outside the walking roles: to every role but
hub staff (and administrators) they do not exist (404). Spaces are for signed-in people; the
occupancy figures for staff and the read-only roles. Actions that would change the walk's
records (cancelling, confirming) are made on past records, which the rules refuse (400), so
every role meets the same world.
"""

import datetime

from factories import make_person, make_user
from nairl.common.roles import Role
from nairl.residency.models import (
    ClosedDay,
    DeskBooking,
    DeskSeries,
    InvitationLetter,
    Room,
    RoomBooking,
)
from nairl.residency.views.reports import feed_token
from permission_expectations import API_ANONYMOUS, Case, everyone, only, signed_in

from .helpers import make_desk, make_room, make_stay

STAFF = (Role.HUB_STAFF,)
READERS = (Role.HUB_STAFF, Role.PROGRAM_DIRECTOR, Role.FUNDER_VIEWER, Role.FINANCE_OFFICER)
PAST = datetime.date(2025, 3, 4)


def objects(users):
    visitor_user = make_user("residency-walk-visitor", Role.RESEARCHER)
    booker = make_user("residency-walk-booker", Role.RESEARCHER)
    stay = make_stay(make_person("Walk Visitor", user=visitor_user), make_person("Walk Host"))
    proposed = make_stay(status="proposed")
    room = make_room(kind=Room.Kind.SEMINAR, code="W-1", capacity=40)
    desk = make_desk(room, code="W-1-01")
    past_booking = DeskBooking.objects.create(desk=desk, stay=stay, day=PAST)
    series = DeskSeries.objects.create(
        stay=stay, desk=desk, start=stay.start, end=stay.end, weekdays=[0, 1]
    )
    starts = datetime.datetime(2025, 3, 4, 1, tzinfo=datetime.UTC)
    past_room_booking = RoomBooking.objects.create(
        room=room,
        title="Past seminar",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        is_tentative=True,
        booked_by=booker,
    )
    InvitationLetter.objects.create(
        stay=stay,
        code="WALK-0000-0001",
        visitor_name="Walk Visitor",
        institution_name="Walk University",
        start=stay.start,
        end=stay.end,
        sha256="0" * 64,
        pdf=b"%PDF-1.7 walk",
    )
    return {
        "residency_floor": room.floor,
        "residency_room": room,
        "residency_desk": desk,
        "residency_stay": stay,
        "residency_proposed_stay": proposed,
        "residency_item": stay.checklist.first(),
        "residency_desk_booking": past_booking,
        "residency_series": series,
        "residency_room_booking": past_room_booking,
        "residency_closed_day": ClosedDay.objects.create(day=PAST, reason_en="Past closure"),
        "residency_feed_token": feed_token(visitor_user),
    }


def pk_of(key):
    return lambda world: {"pk": world[key].pk}


staff_page = only(*STAFF)
staff_post = only(*STAFF, allowed=400)
# A stay's pages: staff see it; to everyone else it does not exist.
stay_page = {**only(*STAFF, denied=404)}
stay_post = {**only(*STAFF, allowed=400, denied=404)}
readers_page = only(*READERS)
# API
api_signed_in = {**everyone(200), "anonymous": API_ANONYMOUS}
api_signed_in_post = {**everyone(400), "anonymous": API_ANONYMOUS}
api_staff_post = only(*STAFF, allowed=400, anonymous=API_ANONYMOUS)
api_staff_change = only(*STAFF, anonymous=API_ANONYMOUS)
api_stay_read = only(*STAFF, denied=404, anonymous=API_ANONYMOUS)
api_stay_post = only(*STAFF, allowed=400, denied=404, anonymous=API_ANONYMOUS)

SPACE_ENDPOINTS = {
    "floor": "residency_floor",
    "room": "residency_room",
    "desk": "residency_desk",
    "closed-day": "residency_closed_day",
}

EXPECTATIONS = {
    "residency:dashboard": Case(staff_page),
    "residency:occupancy": [
        Case(readers_page),
        Case(only(*READERS, allowed=400), data={"days": "9999"}, label="bad window"),
    ],
    "residency:arrivals": [
        Case(staff_page),
        Case(staff_post, data={"week": "last tuesday"}, label="bad week"),
    ],
    "residency:residents": Case(staff_page),
    "residency:feed": [
        Case(everyone(200), kwargs=lambda w: {"token": w["residency_feed_token"]}),
        Case(everyone(404), kwargs={"token": "forged"}, label="forged token"),
    ],
    "residency:floors": Case(signed_in()),
    "residency:floor": Case(signed_in(), kwargs=pk_of("residency_floor")),
    "residency:rooms": Case(signed_in()),
    "residency:room": Case(signed_in(), kwargs=pk_of("residency_room")),
    "residency:room-book": [
        Case(signed_in(), kwargs=pk_of("residency_room")),
        Case(signed_in(400), kwargs=pk_of("residency_room"), method="post", data={}),
    ],
    "residency:desks": Case(signed_in()),
    "residency:closed-days": Case(signed_in()),
    "residency:closed-day-create": [Case(staff_page), Case(staff_post, method="post", data={})],
    "residency:closed-day-open": Case(
        staff_post, kwargs=pk_of("residency_closed_day"), method="post"
    ),
    "residency:stays": Case(signed_in()),
    "residency:stay-create": [Case(staff_page), Case(staff_post, method="post", data={})],
    "residency:stay": Case(stay_page, kwargs=pk_of("residency_stay")),
    "residency:stay-edit": [
        Case(stay_page, kwargs=pk_of("residency_stay")),
        Case(stay_post, kwargs=pk_of("residency_stay"), method="post", data={}),
    ],
    "residency:stay-status": Case(
        stay_post, kwargs=pk_of("residency_stay"), method="post", data={"status": "departed"}
    ),
    "residency:letter-issue": Case(
        stay_post, kwargs=pk_of("residency_proposed_stay"), method="post"
    ),
    "residency:letter": Case(stay_page, kwargs=pk_of("residency_stay")),
    "residency:stay-calendar": Case(stay_page, kwargs=pk_of("residency_stay")),
    "residency:letter-check": [
        Case(staff_page),
        Case(staff_page, data={"code": "walk-0000-0001"}, label="known code"),
    ],
    "residency:checklist-item": [
        Case(stay_page, kwargs=pk_of("residency_item")),
        Case(stay_post, kwargs=pk_of("residency_item"), method="post", data={}),
    ],
    "residency:stay-desks": [
        Case(stay_page, kwargs=pk_of("residency_stay")),
        Case(stay_post, kwargs=pk_of("residency_stay"), method="post", data={}),
    ],
    "residency:stay-desk-series": Case(
        stay_post, kwargs=pk_of("residency_stay"), method="post", data={}
    ),
    "residency:series-readd": Case(
        stay_post, kwargs=pk_of("residency_series"), method="post", data={}
    ),
    "residency:desk-booking-cancel": Case(
        stay_post, kwargs=pk_of("residency_desk_booking"), method="post"
    ),
    "residency:desk-booking-check-in": Case(
        stay_post, kwargs=pk_of("residency_desk_booking"), method="post"
    ),
    "residency:room-booking-cancel": Case(
        staff_post, kwargs=pk_of("residency_room_booking"), method="post"
    ),
    "residency:room-booking-confirm": Case(
        staff_post, kwargs=pk_of("residency_room_booking"), method="post"
    ),
    # API
    "residency-stay-list": [Case(api_signed_in), Case(api_staff_post, method="post", data={})],
    "residency-stay-detail": [
        Case(api_stay_read, kwargs=pk_of("residency_stay")),
        Case(api_stay_read, kwargs=pk_of("residency_stay"), method="patch", data={}),
    ],
    "residency-stay-status": Case(
        only(*STAFF, allowed=400, anonymous=API_ANONYMOUS),
        kwargs=pk_of("residency_stay"),
        method="post",
        data={"status": "departed"},
    ),
    "residency-checklist-item-list": Case(api_signed_in),
    "residency-checklist-item-detail": [
        Case(api_stay_read, kwargs=pk_of("residency_item")),
        Case(api_stay_read, kwargs=pk_of("residency_item"), method="patch", data={}),
    ],
    "residency-desk-booking-list": [
        Case(api_signed_in),
        Case(api_signed_in_post, method="post", data={}),
    ],
    "residency-desk-booking-detail": Case(api_stay_read, kwargs=pk_of("residency_desk_booking")),
    "residency-desk-booking-cancel": Case(
        api_stay_post, kwargs=pk_of("residency_desk_booking"), method="post"
    ),
    "residency-desk-booking-check-in": Case(
        api_stay_post, kwargs=pk_of("residency_desk_booking"), method="post"
    ),
    "residency-room-booking-list": [
        Case(api_signed_in),
        Case(api_signed_in_post, method="post", data={}),
    ],
    "residency-room-booking-detail": Case(api_signed_in, kwargs=pk_of("residency_room_booking")),
    "residency-room-booking-cancel": Case(
        api_staff_post, kwargs=pk_of("residency_room_booking"), method="post"
    ),
    "residency-room-booking-conflicts": Case(api_signed_in_post, method="post", data={}),
}
for name, key in SPACE_ENDPOINTS.items():
    EXPECTATIONS[f"residency-{name}-list"] = [
        Case(api_signed_in),
        Case(api_staff_post, method="post", data={}),
    ]
    EXPECTATIONS[f"residency-{name}-detail"] = [
        Case(api_signed_in, kwargs=pk_of(key)),
        Case(api_staff_change, kwargs=pk_of(key), method="patch", data={}),
    ]
