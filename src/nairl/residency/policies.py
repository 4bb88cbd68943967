"""Who may see and change spaces, stays and bookings (pages and API alike).

Spaces (floors, rooms, desks) are shown to signed-in people and kept by hub staff. A stay is
personal: it is shown to its visitor, its host and hub staff (to anyone else it does not exist),
and only staff change it. Desks are booked for a stay by its visitor, its host or staff; a room
by any signed-in member (the seminars module books for its talks), and a room booking is
changed by whoever made it and staff. Occupancy figures name nobody and are shown to staff,
program directors and the funder's and finance's readers.
"""

from django.db.models import Q

from nairl.common.permissions import Policy
from nairl.common.roles import Role, has_role

MANAGERS = (Role.HUB_STAFF,)  # administrators pass every role check as well
READERS = (Role.HUB_STAFF, Role.PROGRAM_DIRECTOR, Role.FUNDER_VIEWER, Role.FINANCE_OFFICER)


def is_manager(user) -> bool:
    return has_role(user, *MANAGERS)


class SpacePolicy(Policy):
    def visible(self, user, queryset):
        return queryset if user.is_authenticated else queryset.none()

    def can_view(self, user, obj) -> bool:
        return user.is_authenticated

    def can_create(self, user) -> bool:
        return is_manager(user)

    def can_change(self, user, obj) -> bool:
        return is_manager(user)


class StayPolicy(Policy):
    def visible(self, user, queryset, prefix: str = ""):
        if is_manager(user):
            return queryset
        if not user.is_authenticated:
            return queryset.none()
        return queryset.filter(
            Q(**{f"{prefix}visitor__user": user}) | Q(**{f"{prefix}host__user": user})
        )

    def can_view(self, user, stay) -> bool:
        return is_manager(user) or self.takes_part(user, stay)

    @staticmethod
    def takes_part(user, stay) -> bool:
        """The user is the stay's visitor or host (no query: the people are loaded with it)."""
        return user.is_authenticated and user.pk in (stay.visitor.user_id, stay.host.user_id)

    def can_create(self, user) -> bool:
        return is_manager(user)

    def can_change(self, user, stay) -> bool:
        return is_manager(user)

    def can_book_desks(self, user, stay) -> bool:
        return is_manager(user) or self.takes_part(user, stay)

    def can_download_letter(self, user, stay) -> bool:
        return is_manager(user) or (user.is_authenticated and stay.visitor.user_id == user.pk)


class ChecklistItemPolicy(Policy):
    """Seen with the stay; settled by staff and by the item's owner."""

    def visible(self, user, queryset):
        return stay_policy.visible(user, queryset, prefix="stay__")

    def can_view(self, user, item) -> bool:
        return stay_policy.can_view(user, item.stay)

    def can_change(self, user, item) -> bool:
        return is_manager(user) or (user.is_authenticated and item.owner_id == user.pk)


class DeskBookingPolicy(Policy):
    def visible(self, user, queryset):
        return stay_policy.visible(user, queryset, prefix="stay__")

    def can_view(self, user, booking) -> bool:
        return stay_policy.can_view(user, booking.stay)

    def can_create(self, user) -> bool:
        return user.is_authenticated  # for a given stay: `stay_policy.can_book_desks`

    def can_change(self, user, booking) -> bool:
        return stay_policy.can_book_desks(user, booking.stay)


class RoomBookingPolicy(Policy):
    """Every signed-in member sees when rooms are taken (to plan); the booker and staff change
    a booking."""

    def visible(self, user, queryset):
        return queryset if user.is_authenticated else queryset.none()

    def can_view(self, user, booking) -> bool:
        return user.is_authenticated

    def can_create(self, user) -> bool:
        return user.is_authenticated

    def can_change(self, user, booking) -> bool:
        return is_manager(user) or (user.is_authenticated and booking.booked_by_id == user.pk)


class ReportPolicy(Policy):
    """Occupancy and arrivals: staff; figures without names also for the readers."""

    def can_view_figures(self, user) -> bool:
        return has_role(user, *READERS)

    def can_view_people(self, user) -> bool:
        return is_manager(user)


space_policy = SpacePolicy()
stay_policy = StayPolicy()
checklist_policy = ChecklistItemPolicy()
desk_booking_policy = DeskBookingPolicy()
room_booking_policy = RoomBookingPolicy()
report_policy = ReportPolicy()
