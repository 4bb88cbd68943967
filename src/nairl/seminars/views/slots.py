"""The time-zone-fair slot finder: weekly slots ranked for everyone, or a season's rotation."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nairl.common.pages import PolicyView, add_errors
from nairl.common.permissions import Policy
from nairl.people.policies import person_policy

from ..domain.scheduling import as_validation_error, explain, hours, zone_of_person
from ..forms import SlotFinderForm
from ..models import Series
from ..scheduling import Participant, SchedulingError, find_slots, plan_rotation

SHOWN_SLOTS = 8


def participants_of(form, user) -> list[Participant]:
    """The lines' participants, then the directory's people (their zone from their account,
    for signed-in viewers, or from their country)."""
    found = [
        Participant(label, zone, earliest, latest)
        for label, zone, earliest, latest in form.cleaned_data["participants"]
    ]
    hidden = [str(p.pk) for p in form.cleaned_data["people"] if not person_policy.can_view(user, p)]
    if hidden:
        raise ValidationError(
            {
                "people": _("No one in the directory has the ORCID iD or number: %(values)s.")
                % {"values": ", ".join(hidden)}
            }
        )
    for person in form.cleaned_data["people"]:
        zone = zone_of_person(person, use_account=user.is_authenticated)
        if zone is None:
            raise ValidationError(
                {
                    "people": _(
                        "%(name)s's time zone is unknown: add them as a line with their zone."
                    )
                    % {"name": person.name}
                }
            )
        found.append(Participant(str(person.name), zone))
    return found


def meeting_days(first: datetime.date, last: datetime.date, weekdays) -> list[datetime.date]:
    span = (last - first).days + 1
    days = (first + datetime.timedelta(days=n) for n in range(max(0, span)))
    return [day for day in days if day.weekday() in weekdays]


def described(meeting):
    return [
        {"view": view, "explanation": explain(view), "inconvenience": hours(view.inconvenience)}
        for view in meeting.views
    ]


class SlotFinderView(PolicyView):
    model = Series
    policy = Policy()
    template_name = "seminars/slot_finder.html"

    def get(self, request):
        bound = "first_date" in request.GET
        form = SlotFinderForm(request.GET if bound else None)
        context = {"form": form}
        if bound and form.is_valid():
            try:
                context.update(self.results(form, request.user))
            except ValidationError as error:
                add_errors(form, error)
            except SchedulingError as error:
                add_errors(form, as_validation_error(error))
        return self.render(request, context, status=400 if form.errors else 200)

    def results(self, form, user) -> dict:
        data = form.cleaned_data
        participants = participants_of(form, user)
        zone, duration = data["reference_zone"], data["duration_minutes"]
        if data["mode"] == "rotation":
            rotation = plan_rotation(
                participants,
                meeting_days(data["first_date"], data["last_date"], data["weekdays"]),
                reference_zone=zone,
                duration_minutes=duration,
                max_times=data["max_times"],
            )
            return {"rotation": rotation, "rotation_rows": self.rotation_rows(rotation)}
        options = find_slots(
            participants,
            data["first_date"],
            data["last_date"],
            reference_zone=zone,
            duration_minutes=duration,
            weekdays=data["weekdays"],
            limit=SHOWN_SLOTS,
        )
        return {
            "slots": [self.slot_row(option) for option in options],
            "participants": participants,
        }

    def slot_row(self, option) -> dict:
        return {
            "option": option,
            "weekday": Series.Weekday(option.weekday).label,
            "first": described(option.occurrences[0]),
            "worst": hours(option.worst),
            "burdens": [(label, hours(minutes)) for label, minutes in option.burdens.items()],
            "shifts": option.shifts(),
        }

    def rotation_rows(self, rotation) -> dict:
        labels = list(rotation.burdens)
        zone = zoneinfo.ZoneInfo(rotation.zone)
        return {
            "meetings": [
                (meeting.start.astimezone(zone), described(meeting))
                for meeting in rotation.meetings
            ],
            "burdens": [
                (label, hours(rotation.burdens[label]), hours(rotation.best_fixed_burdens[label]))
                for label in labels
            ],
            "heaviest": hours(rotation.heaviest_burden),
            "fixed_heaviest": hours(rotation.best_fixed_heaviest_burden),
            "worst": hours(rotation.worst),
            "fixed_worst": hours(rotation.best_fixed_worst),
        }
