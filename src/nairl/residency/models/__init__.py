from .bookings import BookingStatus, DeskBooking, DeskSeries, RoomBooking
from .spaces import ClosedDay, Desk, DeskFeature, Floor, Room
from .stays import ChecklistItem, ChecklistKind, InvitationLetter, Stay, StayStatus

__all__ = [
    "BookingStatus",
    "ChecklistItem",
    "ChecklistKind",
    "ClosedDay",
    "Desk",
    "DeskBooking",
    "DeskFeature",
    "DeskSeries",
    "Floor",
    "InvitationLetter",
    "Room",
    "RoomBooking",
    "Stay",
    "StayStatus",
]
