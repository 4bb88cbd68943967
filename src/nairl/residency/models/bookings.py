"""Desk bookings (one row per desk and day) and room bookings (a time range).

The database itself refuses a second active booking of a desk for a day, or of a room for an
overlapping time: on PostgreSQL exclusion constraints over date and time ranges (btree_gist),
on SQLite a partial unique index (desks) and triggers (rooms). They are created by the
migrations (0002), not declared here, because each database has its own form of the rule.
Cancelled and released bookings take no place.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from nairl.common.audit import Audited
from nairl.common.models import optional_key, user_or_none

from .spaces import Desk, Room
from .stays import Stay

# Constraint names: the domain recognises them in database errors.
DESK_DAY_CONSTRAINT = "residency_desk_booked_once_a_day"
ROOM_TIME_CONSTRAINT = "residency_room_booked_once_at_a_time"


class DeskSeries(Audited):
    """A recurring desk booking: the weekdays of a period, each date its own booking. Dates
    skipped (by the booker or because the desk was taken) can be re-added later."""

    stay = models.ForeignKey(
        Stay, on_delete=models.CASCADE, related_name="desk_series", verbose_name=_("stay")
    )
    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, related_name="series", verbose_name=_("desk")
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    weekdays = models.JSONField(_("weekdays"), default=list)  # 0 = Monday
    created_by = user_or_none(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("recurring desk booking")
        verbose_name_plural = _("recurring desk bookings")

    def __str__(self):
        return f"{self.desk} {self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CHECKED_IN = "checked_in", _("Checked in")
    RELEASED = "released", _("Released (no check-in)")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses that hold the desk; the others leave it free for someone else.
HOLDING = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN)


class Booking(Audited):
    """What desk and room bookings share: a status, booked and checked-in ones holding."""

    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )

    class Meta:
        abstract = True

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING


class DeskBookingQuerySet(models.QuerySet):
    def holding(self):
        return self.filter(status__in=HOLDING)


class DeskBooking(Booking):
    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("desk")
    )
    stay = models.ForeignKey(
        Stay, on_delete=models.CASCADE, related_name="desk_bookings", verbose_name=_("stay")
    )
    day = models.DateField(_("day"))
    series = optional_key(DeskSeries, _("recurring booking"), related_name="bookings")
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_by = user_or_none(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeskBookingQuerySet.as_manager()

    class Meta:
        ordering = ["day", "id"]
        indexes = [
            # Covers the occupancy count (days, holding, which desk) without reading the rows.
            models.Index(fields=["day", "status", "desk"], name="residency_booking_day_desk"),
            models.Index(fields=["stay", "day"]),
            models.Index(fields=["desk", "day"]),
        ]
        constraints = [
            # A visitor sits at one desk a day (the desk's own rule is in the migrations).
            models.UniqueConstraint(
                fields=["stay", "day"],
                condition=models.Q(status__in=HOLDING),
                name="residency_one_desk_a_day_per_stay",
            )
        ]
        verbose_name = _("desk booking")
        verbose_name_plural = _("desk bookings")

    def __str__(self):
        return f"{self.desk} {self.day:%Y-%m-%d}"


class RoomBooking(Booking):
    """A room for a time: a meeting, a seminar (the seminars module books through
    `domain.rooms.book_room`). A pre-booking (tentative) holds the room like a booking."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    title = models.CharField(_("what for"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    is_tentative = models.BooleanField(
        _("pre-booking"),
        default=False,
        help_text=_("Holds the room while plans are settled; it blocks other bookings too."),
    )
    event_url = models.CharField(
        _("event"), max_length=300, blank=True, help_text=_("The seminar or event it is for.")
    )
    booked_by = user_or_none(_("booked by"), editable=False, related_name="room_bookings")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["room", "starts_at"])]
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")

    def __str__(self):
        return f"{self.room.code} {self.title}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The booking ends before it starts.")})
